import { defineMessages } from '../i18n/define';

export const metricsMessages = defineMessages(
  {
    'metrics.placeholder': '',
  },
  {
    'metrics.placeholder': '',
  },
);
