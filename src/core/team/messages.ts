import { defineMessages } from '../i18n/define';

export const teamMessages = defineMessages(
  {
    'team.placeholder': '',
  },
  {
    'team.placeholder': '',
  },
);
