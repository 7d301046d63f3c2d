/** Help: one menu item that shows what the add-on does, in the user's language. No sidebar, no API. */
import { defineFeature } from '../feature';
import { showHelp } from '../help';

export const helpFeature = defineFeature({
  menu: [{ label: 'menu.help', fn: 'showHelp', action: showHelp }],
  api: {},
});
