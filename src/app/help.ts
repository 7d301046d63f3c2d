/**
 * Help: a sidebar page with, per feature, a quick start, its settings, where its data lives and its
 * guide (src/ui/pages/help.ts, messages in core/help/messages.ts). Every other sidebar links to it,
 * opened on that feature's section.
 */
import type { HelpRequest } from '../core/help/request';
import type { AppContext } from '../ports';

/** The messages the help page receives: all of its catalogue (the link's label comes with every page). */
export const HELP_PAGE_MESSAGES = ['help'] as const;

export interface HelpShown {
  /**
   * Whether the host showed the help sidebar (Sheets). The playground's sidebars live in its page, so
   * there the sidebar opens the help page itself, on the same section.
   */
  shown: boolean;
}

/** Shows the help sidebar in place of the one that asked, opened on the request's section. */
export function showHelpSidebar(ctx: AppContext, request: HelpRequest): HelpShown {
  if (!ctx.ui.showSidebar) return { shown: false };
  ctx.ui.showSidebar('help', request.section);
  return { shown: true };
}
