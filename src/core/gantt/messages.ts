import { defineMessages } from '../i18n/define';

export const ganttMessages = defineMessages(
  {
    'gantt.placeholder': '',
  },
  {
    'gantt.placeholder': '',
  },
);
