import { defineMessages } from '../i18n/define';

export const calendarMessages = defineMessages(
  {
    'calendar.placeholder': '',
  },
  {
    'calendar.placeholder': '',
  },
);
