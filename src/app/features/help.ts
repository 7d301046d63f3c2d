/**
 * Help: its sidebar page (from the menu, and from the link at the bottom of every sidebar, opened on
 * that sidebar's section) and the function those links call.
 */
import { parseHelpRequest } from '../../core/help/request';
import { defineFeature, withRequest } from '../feature';
import { HELP_PAGE_MESSAGES, showHelpSidebar } from '../help';

export const helpFeature = defineFeature({
  page: 'help',
  pageMessages: HELP_PAGE_MESSAGES,
  menu: [{ label: 'menu.help', fn: 'showHelp', page: 'help' }],
  api: {
    showHelpSidebar: withRequest(parseHelpRequest, showHelpSidebar),
  },
});
