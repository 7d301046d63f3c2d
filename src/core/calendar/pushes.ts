/**
 * Planned group pushes (群发) per group and day, counted from SOP tabs for the WeCom cap warning.
 * SOP tabs are read with the SOP tab's own schema (日期 / Date, 渠道 / Channel, in either language),
 * so a tab made by the SOP feature, an older one, or one typed by hand in that shape all count.
 */
import { parseDate } from '../dates';
import { SOP_COLUMNS, SOP_SCHEMA, type SopColumn } from '../sop/columns';
import type { CellValue } from '../tab/spec';
import { cellText, findHeader, normalizeHeader, tableRows, type TableSchema } from '../table/schema';
import type { GroupPushCount } from './warnings';

/** One SOP tab as the app reads it. */
export interface SopTabGrid {
  name: string;
  /** The group its marker names, for tabs the SOP feature makes; '' when unknown. */
  group: string;
  grid: CellValue[][];
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
  return [...counts.values()].sort((a, b) => a.date - b.date || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
