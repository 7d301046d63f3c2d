/**
 * The messages a sidebar page shows. Each feature names its page's messages as selectors
 * (app/features/<feature>.ts, `pageMessages`); a selector names a key and every key under it:
 * 'settings.weekStart' selects 'settings.weekStart' and 'settings.weekStart.mon'. A sidebar receives
 * only those, in the session's language, with its boot data (boot.ts), so the sidebar bundle carries
 * no catalogue. test/ui/page-messages.test.ts checks every key a page's code names against what the
 * page receives. This module imports nothing but the catalogues, so a feature can use it without an
 * import circle.
 */
import { catalogues, type Lang, type MessageKey } from '../core/i18n';

/** A message key or a prefix of keys ('sop.sidebar' selects every 'sop.sidebar.…'). */
export type MessageSelector = MessageKey | KeyPrefix<MessageKey>;

type KeyPrefix<K extends string> = K extends `${infer Head}.${infer Rest}` ? Head | `${Head}.${KeyPrefix<Rest>}` : never;

/** The keys a list of selectors covers. */
export type SelectedKey<S extends string> = Extract<MessageKey, S | `${S}.${string}`>;

/** One page's messages in one language, key → text with {params} still in it. JSON-safe. */
export type PageMessages = Record<string, string>;

export function selects(selector: string, key: string): boolean {
  return key === selector || key.startsWith(`${selector}.`);
}

/** The messages the selectors cover, in one language. */
export function selectMessages(lang: Lang, selectors: readonly string[]): PageMessages {
  const messages: PageMessages = {};
  for (const [key, text] of Object.entries(catalogues[lang])) {
    if (selectors.some((selector) => selects(selector, key))) messages[key] = text;
  }
  return messages;
}
