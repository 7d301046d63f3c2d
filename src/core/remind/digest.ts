/**
 * What a day's reminder says, before any platform's format: a title, a summary line, and blocks — one
 * per executor with today's items, then the overdue list, then tomorrow's preview — each a heading and
 * one line per item. Lines are made of segments (text, a link to the row, a person who may be @'d) so
 * each channel renders them its own way and splits them between lines only (split.ts).
 */
import { addDays, toIso, type DaySerial } from '../dates';
import { t, type Lang } from '../i18n';
import { weekdayLabel } from '../sop/generate';
import { splitList } from '../text/split-list';
import type { DueItem } from '../today/due';
import type { ReminderInclude } from './settings';

export type Segment =
  | { kind: 'text'; text: string }
  /** A link to the item's row in its tab; `text` is what the link shows (the item). */
  | { kind: 'link'; text: string; url: string }
  /** A person by the name the owner column gives; @'d where the channel can and the settings say so. */
  | { kind: 'person'; name: string; mention: boolean };

export type Line = readonly Segment[];

export type BlockKind = 'executor' | 'overdue' | 'tomorrow';

export interface Block {
  kind: BlockKind;
  heading: Line;
  /** The heading when the block goes on in the next message ("…（续）"). */
  continued: Line;
  items: Line[];
}

export interface Digest {
  title: string;
  summary: string;
  blocks: Block[];
  /** Everyone with an item in the reminder (today, overdue or tomorrow), in team order. */
  executors: string[];
}

export interface DigestInput {
  items: readonly DueItem[];
  date: DaySerial;
  include: ReminderInclude;
  lang: Lang;
  /** Names in Team-tab order: executors are listed in this order, others after them. */
  teamOrder: readonly string[];
  /** URL of each source tab by its name (…/edit#gid=123); an item's link opens its row. None: no links. */
  tabLinks?: Readonly<Record<string, string>>;
}

/** A link that opens a tab at a row: the tab's URL with `range=ROW:ROW` (Sheets selects that row). */
export function rowLink(tabUrl: string, row: number): string {
  return `${tabUrl}${tabUrl.includes('#') ? '&' : '#'}range=${row}:${row}`;
}

/** The items of one day in the order a person works through them: by date, then time (untimed last), then where they are. */
function byTime(a: DueItem, b: DueItem): number {
  return a.date - b.date || (a.minute ?? 1440) - (b.minute ?? 1440) || (a.tab < b.tab ? -1 : a.tab > b.tab ? 1 : 0) || a.row - b.row;
}

function timeText(minute: number | null, lang: Lang): string {
  if (minute === null) return t(lang, 'remind.allDay');
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "Java引流1群 · 第12期", or the group alone, or '' for an item without one. */
function placeText(item: DueItem, lang: Lang): string {
  return [item.group, item.cohort].filter((part) => part.trim() !== '').join(t(lang, 'remind.separator'));
}

/** The item, as a link to its row when its tab has a link. */
function itemSegment(item: DueItem, links: Readonly<Record<string, string>> | undefined): Segment {
  const tabUrl = links?.[item.tab];
  return tabUrl ? { kind: 'link', text: item.item, url: rowLink(tabUrl, item.row) } : { kind: 'text', text: item.item };
}

/** What comes before an item on its line: the pieces, blanks left out, each followed by the separator. */
function lead(lang: Lang, ...pieces: string[]): Segment {
  return {
    kind: 'text',
    text: pieces
      .filter((piece) => piece !== '')
      .map((piece) => piece + t(lang, 'remind.separator'))
      .join(''),
  };
}

/** The executors an item is for: its owner column may name several ("林晓、周舟"); none means unassigned (''). */
export function ownersOf(item: DueItem): string[] {
  const owners = splitList(item.owner);
  return owners.length ? owners.filter((name, i) => owners.indexOf(name) === i) : [''];
}

/** Names in team order, then the others in the order met, then '' (unassigned) last. */
function orderNames(names: Iterable<string>, teamOrder: readonly string[]): string[] {
  const unique = [...new Set(names)];
  const rank = (name: string) =>
    name === '' ? Number.MAX_SAFE_INTEGER : teamOrder.includes(name) ? teamOrder.indexOf(name) : teamOrder.length + unique.indexOf(name);
  return unique.sort((a, b) => rank(a) - rank(b));
}

function who(name: string, lang: Lang, mention: boolean): Segment {
  return name === '' ? { kind: 'text', text: t(lang, 'remind.unassigned') } : { kind: 'person', name, mention };
}

/** The day's items split by what the settings include: today's, overdue, and tomorrow's. */
export function selectItems(items: readonly DueItem[], date: DaySerial, include: ReminderInclude) {
  const sorted = [...items].sort(byTime);
  const tomorrow = addDays(date, 1);
  return {
    today: include.today ? sorted.filter((item) => item.state === 'today') : [],
    overdue: include.overdue ? sorted.filter((item) => item.state === 'overdue') : [],
    tomorrow: include.tomorrow ? sorted.filter((item) => item.state === 'upcoming' && item.date === tomorrow) : [],
  };
}

function dateTitle(date: DaySerial, lang: Lang): string {
  return t(lang, 'remind.date', { date: toIso(date), weekday: weekdayLabel(date, lang) });
}

/**
 * The summary line: "今日 5 项 · 逾期 2 项 · 明日 3 项", with the parts the settings include. The group's
 * line says "逾期 0 项" (good news for a manager); a person's own mail leaves out what they do not have.
 */
function summaryLine(counts: { today: number; overdue: number; tomorrow: number }, include: ReminderInclude, lang: Lang, zeros = true): string {
  const parts: string[] = [];
  const shown = (included: boolean, count: number) => included && (zeros || count > 0);
  if (shown(include.today, counts.today)) parts.push(t(lang, 'remind.summary.today', { count: counts.today }));
  if (shown(include.overdue, counts.overdue)) parts.push(t(lang, 'remind.summary.overdue', { count: counts.overdue }));
  if (shown(include.tomorrow, counts.tomorrow)) parts.push(t(lang, 'remind.summary.tomorrow', { count: counts.tomorrow }));
  return parts.join(t(lang, 'remind.separator'));
}

function block(kind: BlockKind, heading: Line, items: Line[], lang: Lang): Block {
  return { kind, heading, continued: [...heading, { kind: 'text', text: t(lang, 'remind.continued') }], items };
}

/** One line of an overdue item: who, how late, when it was due, where, what. */
function overdueLine(item: DueItem, owner: string, input: DigestInput): Line {
  const { lang } = input;
  return [
    who(owner, lang, true),
    { kind: 'text', text: t(lang, 'remind.separator') },
    lead(lang, t(lang, 'remind.daysOverdue', { days: item.daysOverdue }), toIso(item.date).slice(5), placeText(item, lang)),
    itemSegment(item, input.tabLinks),
  ];
}

/**
 * The group-chat reminder of a day: every executor's items due today (one block each, in team order,
 * unassigned last), then the overdue list, then tomorrow's preview, as the settings include them.
 * An item owned by two people is listed under each. No block when there is nothing: the caller sends
 * nothing that day.
 */
export function buildDigest(input: DigestInput): Digest {
  const { lang } = input;
  const chosen = selectItems(input.items, input.date, input.include);
  const blocks: Block[] = [];
  const byOwner = new Map<string, DueItem[]>();
  for (const item of chosen.today) for (const owner of ownersOf(item)) byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
  for (const owner of orderNames(byOwner.keys(), input.teamOrder)) {
    const items = byOwner.get(owner) ?? [];
    const heading: Line = [who(owner, lang, true), { kind: 'text', text: t(lang, 'remind.executorCount', { count: items.length }) }];
    blocks.push(
      block(
        'executor',
        heading,
        items.map((item) => [lead(lang, timeText(item.minute, lang), placeText(item, lang)), itemSegment(item, input.tabLinks)]),
        lang,
      ),
    );
  }
  if (chosen.overdue.length) {
    const lines = chosen.overdue.flatMap((item) => ownersOf(item).map((owner) => ({ owner, item })));
    const ordered = orderNames(
      lines.map((line) => line.owner),
      input.teamOrder,
    );
    lines.sort((a, b) => ordered.indexOf(a.owner) - ordered.indexOf(b.owner) || byTime(a.item, b.item));
    const heading: Line = [{ kind: 'text', text: t(lang, 'remind.heading.overdue', { count: chosen.overdue.length }) }];
    blocks.push(
      block(
        'overdue',
        heading,
        lines.map((line) => overdueLine(line.item, line.owner, input)),
        lang,
      ),
    );
  }
  if (chosen.tomorrow.length) {
    const heading: Line = [{ kind: 'text', text: t(lang, 'remind.heading.tomorrow', { count: chosen.tomorrow.length }) }];
    const lines = chosen.tomorrow.flatMap((item) =>
      ownersOf(item).map((owner): Line => [
        who(owner, lang, false),
        { kind: 'text', text: t(lang, 'remind.separator') },
        lead(lang, timeText(item.minute, lang), placeText(item, lang)),
        itemSegment(item, input.tabLinks),
      ]),
    );
    blocks.push(block('tomorrow', heading, lines, lang));
  }
  const everyone = [...chosen.today, ...chosen.overdue, ...chosen.tomorrow].flatMap(ownersOf).filter((name) => name !== '');
  return {
    title: t(lang, 'remind.title', { date: dateTitle(input.date, lang) }),
    summary: summaryLine({ today: chosen.today.length, overdue: chosen.overdue.length, tomorrow: chosen.tomorrow.length }, input.include, lang),
    blocks,
    executors: orderNames(everyone, input.teamOrder),
  };
}

/**
 * One executor's own reminder (for email): their items today, overdue and tomorrow, as blocks with a
 * count each, without @ (the mail is already theirs).
 */
export function buildPersonalDigest(input: DigestInput, name: string): Digest {
  const { lang } = input;
  const mine = (item: DueItem) => ownersOf(item).includes(name);
  const chosen = selectItems(input.items.filter(mine), input.date, input.include);
  const line = (item: DueItem): Line => [lead(lang, timeText(item.minute, lang), placeText(item, lang)), itemSegment(item, input.tabLinks)];
  const blocks: Block[] = [];
  if (chosen.today.length)
    blocks.push(block('executor', [{ kind: 'text', text: t(lang, 'remind.heading.today', { count: chosen.today.length }) }], chosen.today.map(line), lang));
  if (chosen.overdue.length) {
    blocks.push(
      block(
        'overdue',
        [{ kind: 'text', text: t(lang, 'remind.heading.overdue', { count: chosen.overdue.length }) }],
        chosen.overdue.map((item) => [
          lead(lang, t(lang, 'remind.daysOverdue', { days: item.daysOverdue }), toIso(item.date).slice(5), placeText(item, lang)),
          itemSegment(item, input.tabLinks),
        ]),
        lang,
      ),
    );
  }
  if (chosen.tomorrow.length) {
    blocks.push(
      block('tomorrow', [{ kind: 'text', text: t(lang, 'remind.heading.tomorrow', { count: chosen.tomorrow.length }) }], chosen.tomorrow.map(line), lang),
    );
  }
  return {
    title: t(lang, 'remind.title', { date: dateTitle(input.date, lang) }),
    summary: summaryLine({ today: chosen.today.length, overdue: chosen.overdue.length, tomorrow: chosen.tomorrow.length }, input.include, lang, false),
    blocks,
    executors: blocks.length ? [name] : [],
  };
}
