/** Daily reminders: their sidebar page, menu item, the functions the page calls and the daily trigger's handler. */
import { defineFeature } from '../feature';
import { getReminderState, previewReminders, saveReminderSettings, sendDailyReminders, sendTestReminder } from '../remind';

export const remindFeature = defineFeature({
  page: 'remind',
  pageMessages: ['remind.sidebar', 'remind.channel', 'remind.log.status', 'remind.app.preview'],
  menu: [{ label: 'remind.menu', fn: 'showReminderSidebar', page: 'remind' }],
  api: {
    getReminderState,
    // Each parses its own request: the form's fields are read together with what is stored.
    saveReminderSettings,
    previewReminders,
    sendTestReminder,
  },
  // The name the daily trigger is created with (src/gas/reminders.ts REMINDER_HANDLER).
  triggers: { sendDailyReminders },
});
