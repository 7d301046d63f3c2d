/** What a sidebar needs before its first server call: which page, in which language. JSON-safe. */
import type { Lang } from '../core/i18n';
import type { AppContext } from '../ports';
import { pageLabel, SidebarPage } from './menu';
import { openSession } from './session';

export type { SidebarPage };

export interface SidebarBoot {
  page: SidebarPage;
  lang: Lang;
  title: string;
}

export function sidebarBoot(ctx: AppContext, page: SidebarPage): SidebarBoot {
  const session = openSession(ctx);
  return { page, lang: session.lang, title: session.tr(pageLabel(page)).replace(/…$/, '') };
}
