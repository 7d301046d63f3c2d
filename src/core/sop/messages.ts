import { defineMessages } from '../i18n/define';

export const sopMessages = defineMessages(
  {
    'sop.placeholder': '',
  },
  {
    'sop.placeholder': '',
  },
);
