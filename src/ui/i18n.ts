/**
 * The sidebar's translator: it looks keys up in the messages the boot data brought (only this page's,
 * in one language) and fills in {params}. It never imports the catalogues, which stay on the server.
 */
import type { SidebarPage } from '../app/boot';
import type { PageMessages } from '../app/page-messages';
import type { PageMessageKey } from '../app/registry';
import type { MessageParams } from '../core/i18n';

export type PageTranslate<P extends SidebarPage> = (key: PageMessageKey<P>, params?: MessageParams) => string;

/** Fills {name} from params; a placeholder without a value stays as written (as the core's `t` does). */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A missing key shows as itself, so a gap is visible rather than blank. */
export function pageTranslator<P extends SidebarPage>(messages: PageMessages): PageTranslate<P> {
  return (key, params) => formatMessage(Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key, params);
}
