/**
 * zh-CN and en message catalogues. Every user-visible string goes through `t`. Each feature keeps
 * its messages beside its code (defineMessages) and they are merged here.
 */
import { commonMessages } from './common';
import { teamMessages } from '../team/messages';
import { sopMessages } from '../sop/messages';
import { ganttMessages } from '../gantt/messages';
import { calendarMessages } from '../calendar/messages';
import { metricsMessages } from '../metrics/messages';
import { selfTestMessages } from '../selftest/messages';
import { icsMessages } from '../ics/messages';
import { todayMessages } from '../today/messages';
import { remindMessages } from '../remind/messages';
import { remindAppMessages } from '../remind/app-messages';
import { printMessages } from '../tab/print-messages';
import { reviewMessages } from '../review/messages';
import { helpMessages } from '../help/messages';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];

const parts = [
  commonMessages,
  teamMessages,
  sopMessages,
  ganttMessages,
  calendarMessages,
  metricsMessages,
  selfTestMessages,
  icsMessages,
  todayMessages,
  remindMessages,
  remindAppMessages,
  printMessages,
  helpMessages,
  reviewMessages,
];

type Keys<T> = T extends { 'zh-CN': Record<infer K, string> } ? K : never;
export type MessageKey = Keys<(typeof parts)[number]>;
export type MessageParams = Record<string, string | number>;

function merge(lang: Lang): Record<MessageKey, string> {
  const out: Record<string, string> = {};
  for (const part of parts) Object.assign(out, part[lang]);
  return out as Record<MessageKey, string>;
}

export const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': merge('zh-CN'), en: merge('en') };
/** The feature catalogues, for the test that checks both languages hold the same keys. */
export const catalogueParts = parts;

export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[lang][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}

/** Picks the language from a locale such as "zh_CN", "zh-TW", "en_US"; Chinese locales get zh-CN. */
export function langFromLocale(locale: string | null | undefined): Lang {
  if (!locale) return 'zh-CN';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

export type LanguageSetting = 'auto' | Lang;

export function resolveLang(setting: LanguageSetting | undefined, locale: string | null | undefined): Lang {
  return setting && setting !== 'auto' ? setting : langFromLocale(locale);
}
