/**
 * What a sidebar needs before its first server call: which page, in which language, and that page's
 * messages in that language (the sidebar bundle carries no catalogue). JSON-safe.
 */
import type { Lang } from '../core/i18n';
import type { AppContext } from '../ports';
import { pageLabel, SidebarPage } from './menu';
import type { PageMessages } from './page-messages';
import { isSidebarPage, pageMessages } from './registry';
import { openSession } from './session';

export type { SidebarPage };

export interface SidebarBoot {
  page: SidebarPage;
  lang: Lang;
  title: string;
  messages: PageMessages;
  /** The part of the page to show first (the help page's section for the sidebar it was opened from). */
  section?: string;
}

export function sidebarBoot(ctx: AppContext, page: SidebarPage, section?: string): SidebarBoot {
  const session = openSession(ctx);
  return {
    page,
    lang: session.lang,
    title: session.tr(pageLabel(page)).replace(/…$/, ''),
    messages: pageMessages(session.lang, page),
    ...(section ? { section } : {}),
  };
}

export { isSidebarPage };

/** The HTML file (build/gas/<name>.html, HtmlService's file name) that holds one page's sidebar. */
export function sidebarFile(page: SidebarPage): string {
  return `sidebar-${page}`;
}
