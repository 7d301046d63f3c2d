/**
 * Planned group pushes (群发) per group and day, counted from SOP tabs for the WeCom cap warning.
 * SOP tabs are read with the SOP tab's own schema (日期 / Date, 渠道 / Channel, in either language),
 * so a tab made by the SOP feature, an older one, or one typed by hand in that shape all count.
 */
import { fromIso, parseDate, toIso } from '../dates';
import { SOP_COLUMNS, SOP_SCHEMA, type SopColumn } from '../sop/columns';
import { aboutList, type MarkerKey, type TabMarker } from '../tab/marker';
import type { CellValue } from '../tab/spec';
import { cellText, findHeader, normalizeHeader, tableRows, type TableSchema } from '../table/schema';
import type { GroupPushCount } from './warnings';

/** One SOP tab as the app reads it. */
export interface SopTabGrid {
  name: string;
  /** The group its marker names, for tabs the SOP feature makes; '' when unknown. */
  group: string;
  grid: ReadonlyArray<ReadonlyArray<CellValue>>;
}

/**
 * An SOP tab as the push count reads it: the SOP columns, of which only the date and the channel are
 * needed (a hand-made tab has no ID column), and a column naming the group per row, which wins over
 * the tab's group (a hand-made tab covering several groups).
 */
const PUSH_SCHEMA: TableSchema<SopColumn | 'group'> = {
  order: [...SOP_COLUMNS, 'group'],
  required: ['date', 'channel'],
  columns: {
    ...SOP_SCHEMA.columns,
    group: { header: 'calendar.header.targetGroups', synonyms: ['社群', '群', '群名', '目标社群', 'group', 'target group'] },
  },
};

/** The channel cell of a group push (WeCom's 群发 / "mass message" to customer groups). */
const PUSH_CHANNELS = ['群发', '群发消息', '群发助手', 'mass message', 'group push'];
/** Rows with these statuses will not be sent. */
const SKIPPED_STATUSES = ['取消', '已取消', '已移除', 'cancelled', 'canceled', 'removed'];

/** The group an SOP tab is for: the group its marker names, else the tab's name. */
export function sopTabGroup(tab: Pick<SopTabGrid, 'name' | 'group'>): string {
  return tab.group.trim() || tab.name;
}

/**
 * Group pushes per group and day over all the tabs (several tabs for one group add up). A tab
 * without a date and a channel column counts nothing; so do rows without a readable date.
 */
export function countGroupPushes(tabs: SopTabGrid[]): GroupPushCount[] {
  const counts = new Map<string, GroupPushCount>();
  const pushChannels = PUSH_CHANNELS.map((name) => normalizeHeader(name));
  const skipped = SKIPPED_STATUSES.map((name) => normalizeHeader(name));
  for (const tab of tabs) {
    const header = findHeader(tab.grid, PUSH_SCHEMA);
    if (!header) continue;
    for (const { cells } of tableRows(tab.grid, PUSH_SCHEMA, header, ['weekday'])) {
      if (!pushChannels.includes(normalizeHeader(cells.channel))) continue;
      if (skipped.includes(normalizeHeader(cells.status))) continue;
      const raw = cells.date ?? null;
      const date = parseDate(typeof raw === 'string' ? raw.trim() : raw);
      if (date === null) continue;
      const group = cellText(cells.group) || sopTabGroup(tab);
      const key = `${group}|${date}`;
      const count = counts.get(key) ?? { group, date, count: 0 };
      count.count++;
      counts.set(key, count);
    }
  }
  return [...counts.values()].sort(byDayThenGroup);
}

/** The order counts are given in: by day, then by group. */
function byDayThenGroup(a: GroupPushCount, b: GroupPushCount): number {
  return a.date - b.date || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
}

/**
 * What an SOP tab's marker keeps of its rows, so that a calendar knows them without reading the tab:
 * the first and last day of its dated rows (`first`, `last`) and its group pushes per day (`pushes`:
 * JSON, `[day, count]` for the tab's own group, `[day, count, group]` for a row naming another). The
 * SOP feature writes it with the tab; an edit of the tab by hand brings it up to date (app/calendar.ts,
 * `rememberSopRows`), so a re-dated or added 群发 row still counts.
 */
export function sopRowsAbout(group: string, grid: ReadonlyArray<ReadonlyArray<CellValue>>): Record<string, string> {
  const header = findHeader(grid, PUSH_SCHEMA);
  const days: number[] = [];
  if (header) {
    for (const { cells } of tableRows(grid, PUSH_SCHEMA, header, ['weekday'])) {
      const raw = cells.date ?? null;
      const date = parseDate(typeof raw === 'string' ? raw.trim() : raw);
      if (date !== null) days.push(date);
    }
  }
  const about: Record<string, string> = {};
  if (days.length) {
    about.first = toIso(Math.min(...days));
    about.last = toIso(Math.max(...days));
  }
  const pushes = countGroupPushes([{ name: '', group, grid }]).map(({ group: named, date, count }) =>
    named === group.trim() ? [toIso(date), count] : [toIso(date), count, named],
  );
  about.pushes = JSON.stringify(pushes);
  return about;
}

/** Whether two abouts say the same of the rows (their other fields aside). */
export function sameSopRows(a: MarkerKey | undefined, b: MarkerKey): boolean {
  return (['first', 'last', 'pushes'] as const).every((field) => (a?.[field] ?? null) === (b[field] ?? null));
}

/**
 * The group pushes an SOP tab's marker keeps (sopRowsAbout), or null when it keeps none (a tab
 * written by an earlier version) or they cannot be read: the tab is then read instead.
 */
export function markerPushes(marker: TabMarker, group: string): GroupPushCount[] | null {
  const entries = aboutList(marker.about?.pushes);
  if (!entries) return null;
  const counts: GroupPushCount[] = [];
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') return null;
    const date = fromIso(entry[0]);
    if (date === null) return null;
    // As countGroupPushes names a row without a group of its own: by the tab's group.
    const named = typeof entry[2] === 'string' ? entry[2] : group.trim();
    counts.push({ group: named, date, count: entry[1] });
  }
  return counts;
}

/** Counts for the same group and day added up (several tabs for one group), in countGroupPushes's order. */
export function addUpPushes(counts: GroupPushCount[]): GroupPushCount[] {
  const sums = new Map<string, GroupPushCount>();
  for (const { group, date, count } of counts) {
    const key = `${group}|${date}`;
    const sum = sums.get(key) ?? { group, date, count: 0 };
    sum.count += count;
    sums.set(key, sum);
  }
  return [...sums.values()].sort(byDayThenGroup);
}
