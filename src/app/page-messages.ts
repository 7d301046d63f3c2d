/**
 * The messages each sidebar page shows. A sidebar receives only these, in the session's language, with
 * its boot data (boot.ts), so the sidebar bundle carries no catalogue. A selector names a key and every
 * key under it: 'settings.weekStart' selects 'settings.weekStart' and 'settings.weekStart.mon'.
 * A page's `tr` accepts only the keys its selectors cover (PageMessageKey), and
 * test/ui/page-messages.test.ts checks every key a page's code names against what the page receives.
 * This module imports nothing but the catalogues, so a use case may send a page's messages too
 * (saveSettings does, when the language changes) without importing the menu.
 */
import { catalogues, type Lang, type MessageKey } from '../core/i18n';
import type { SidebarPage } from './menu';

export const PAGE_MESSAGES = {
  team: ['team.sidebar', 'team.header', 'settings', 'metrics.metric'],
  sop: ['sop.sidebar'],
  gantt: ['gantt.sidebar', 'gantt.summary.warnings'],
  calendar: ['calendar.sidebar', 'calendar.error.month', 'calendar.joiner', 'calendar.weekday', 'settings.weekStart'],
  metrics: ['metrics.sidebar', 'metrics.raw.list', 'settings.classMinutes', 'settings.completionShare'],
} as const satisfies Record<SidebarPage, readonly string[]>;

type Selector<P extends SidebarPage> = (typeof PAGE_MESSAGES)[P][number];

/** The keys a page may show: those its selectors cover. */
export type PageMessageKey<P extends SidebarPage> = Extract<MessageKey, Selector<P> | `${Selector<P>}.${string}`>;

/** One page's messages in one language, key → text with {params} still in it. JSON-safe. */
export type PageMessages = Record<string, string>;

export function selects(selector: string, key: string): boolean {
  return key === selector || key.startsWith(`${selector}.`);
}

export function pageMessages(lang: Lang, page: SidebarPage): PageMessages {
  const selectors: readonly string[] = PAGE_MESSAGES[page];
  const messages: PageMessages = {};
  for (const [key, text] of Object.entries(catalogues[lang])) {
    if (selectors.some((selector) => selects(selector, key))) messages[key] = text;
  }
  return messages;
}
