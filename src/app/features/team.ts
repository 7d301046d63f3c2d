/** Team & settings: its sidebar page, its menu item (below the separator) and the functions its sidebar calls. */
import { parseSettingsRequest, parseTeamRequest } from '../../core/team/request';
import { defineFeature, withRequest } from '../feature';
import { getTeamState, saveSettings, saveTeam, TEAM_PAGE_MESSAGES } from '../team';

export const teamFeature = defineFeature({
  page: 'team',
  pageMessages: TEAM_PAGE_MESSAGES,
  separatorBefore: true,
  menu: [{ label: 'menu.team', fn: 'showTeamSidebar', page: 'team' }],
  api: {
    getTeamState,
    saveTeam: withRequest(parseTeamRequest, saveTeam),
    saveSettings: withRequest(parseSettingsRequest, saveSettings),
  },
});
