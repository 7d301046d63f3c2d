/**
 * The SOP template schema. A template is data: a list of actions, each placed at a day offset from
 * an anchor date (开营日, 直播日, 建群日 or 活动日). Built-in templates live in ./templates; users keep
 * their own on "SOP模板·…" tabs (./template-tab.ts).
 */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { normalizeHeader } from '../table/schema';
import type { Role } from '../team/team';

export const ANCHOR_KINDS = ['campStart', 'liveDay', 'groupDay', 'eventDay'] as const;
export type AnchorKind = (typeof ANCHOR_KINDS)[number];

/** Touchpoints an action goes through (触点). */
export const CHANNELS = ['group', 'notice', 'massMessage', 'moments', 'private', 'live', 'serviceAccount', 'officialAccount'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface TemplateRow {
  /** Stable identity of the row across template edits; regeneration matches rows through it. */
  rowKey: string;
  /** Days from the anchor date (negative = before it). */
  dayOffset: number;
  /** "HH:MM", or "" when the action has no fixed time. */
  time: string;
  /** One of the template's phases (营前 / 营中 / 营后 …), or "". */
  phase: string;
  channel: Channel;
  item: string;
  detail: string;
  /** 话术: text the owner posts; may hold placeholders such as {群名} or {date}. */
  script: string;
  materials: string;
  role: Role;
}

/** A template in one language (built-ins exist in zh-CN and en with the same row keys). */
export interface SopTemplate {
  id: string;
  name: string;
  /** Short uppercase prefix of the row IDs this template generates ("B28" → "B28-K3F9Q"). */
  code: string;
  anchorKind: AnchorKind;
  /** Phase labels in order; rows refer to them by label. */
  phases: string[];
  rows: TemplateRow[];
}

export function anchorLabel(kind: AnchorKind, lang: Lang): string {
  return t(lang, `sop.anchor.${kind}`);
}

/** A day offset from the anchor in words: "开营前7天" / "开营当天" / "开营后第20天" ("7 days before camp start", "day of camp start", "day 20 after camp start"). */
export function offsetInWords(offset: number, kind: AnchorKind, lang: Lang): string {
  const event = t(lang, `sop.span.event.${kind}`);
  if (offset === 0) return t(lang, 'sop.span.on', { event });
  if (offset > 0) return t(lang, 'sop.span.after', { event, days: offset });
  return t(lang, offset === -1 ? 'sop.span.before.one' : 'sop.span.before.other', { event, days: -offset });
}

export function channelLabel(channel: Channel, lang: Lang): string {
  return t(lang, `sop.channel.${channel}`);
}

const BOTH_LANGS: Lang[] = ['zh-CN', 'en'];

/** A channel from its key or its label in either language; null when unknown. */
export function parseChannel(text: unknown): Channel | null {
  const wanted = normalizeHeader(text);
  if (!wanted) return null;
  for (const channel of CHANNELS) {
    if (wanted === channel.toLowerCase()) return channel;
    for (const lang of BOTH_LANGS) if (normalizeHeader(channelLabel(channel, lang)) === wanted) return channel;
  }
  return null;
}

/** An anchor kind from its key or its label in either language; null when unknown. */
export function parseAnchorKind(text: unknown): AnchorKind | null {
  const wanted = normalizeHeader(text);
  if (!wanted) return null;
  for (const kind of ANCHOR_KINDS) {
    if (wanted === kind.toLowerCase()) return kind;
    for (const lang of BOTH_LANGS) if (normalizeHeader(anchorLabel(kind, lang)) === wanted) return kind;
  }
  return null;
}

/** The first and last day offsets of a template ({first: 0, last: 0} when it has no rows). */
export function templateSpan(template: Pick<SopTemplate, 'rows'>): { first: number; last: number } {
  if (template.rows.length === 0) return { first: 0, last: 0 };
  let first = Infinity;
  let last = -Infinity;
  for (const row of template.rows) {
    if (row.dayOffset < first) first = row.dayOffset;
    if (row.dayOffset > last) last = row.dayOffset;
  }
  return { first, last };
}

/** FNV-1a over UTF-16 code units: a small, well-spread, platform-independent hash. */
function fnv1a(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const ID_SUFFIX_LENGTH = 5;
const ID_SUFFIX_SPACE = 36 ** ID_SUFFIX_LENGTH;

function hashSuffix(rowKey: string, salt: number): string {
  const value = fnv1a(salt === 0 ? rowKey : `${rowKey}#${salt}`) % ID_SUFFIX_SPACE;
  return value.toString(36).toUpperCase().padStart(ID_SUFFIX_LENGTH, '0');
}

/** What generated row IDs look like, to tell them from IDs people type into rows they add. */
export const GENERATED_ID = /^[A-Z][A-Z0-9]{0,7}-[0-9A-Z]{5}$/;

/**
 * Row ID per row key: the template's code and a hash of the row key ("B28-0K7QZ"). The ID depends on
 * nothing else, so it survives reordering, re-timing and re-wording. Two keys hashing alike (about
 * one chance in 30,000 for a 60-row template) are told apart by salting the later one in template
 * order, which stays deterministic.
 */
export function rowIds(template: Pick<SopTemplate, 'code' | 'rows'>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const row of template.rows) {
    if (ids.has(row.rowKey)) continue;
    let salt = 0;
    let id = `${template.code}-${hashSuffix(row.rowKey, salt)}`;
    while (taken.has(id)) id = `${template.code}-${hashSuffix(row.rowKey, ++salt)}`;
    taken.add(id);
    ids.set(row.rowKey, id);
  }
  return ids;
}

/** An ID prefix for a template that has none: "T" and three characters from a hash of its id. */
export function codeForTemplateId(id: string): string {
  return 'T' + (fnv1a(id) % 36 ** 3).toString(36).toUpperCase().padStart(3, '0');
}

/** Whether a prefix can start generated IDs. */
export function isValidCode(code: string): boolean {
  return /^[A-Z][A-Z0-9]{0,7}$/.test(code);
}
