/**
 * Planned group pushes (群发) per group and day, counted from SOP tabs for the WeCom cap warning.
 * SOP tabs are read by their header names in either language (日期 / Date, 渠道 / Channel), so a tab
 * made by the SOP feature, an older one, or one typed by hand in that shape all count.
 */
import { parseDate } from '../dates';
import { normalizeHeader } from '../team/team';
import type { CellValue } from '../tab/spec';
import type { GroupPushCount } from './warnings';

/** One SOP tab as the app reads it. */
export interface SopTabGrid {
  name: string;
  /** The group its marker names, for tabs the SOP feature makes; '' when unknown. */
  group: string;
  grid: CellValue[][];
}

const DATE_HEADERS = ['日期', 'date'];
const CHANNEL_HEADERS = ['渠道', '触点', '渠道/触点', 'channel'];
/** A column naming the group per row wins over the tab's group (a hand-made tab covering several groups). */
const GROUP_HEADERS = ['社群', '群', '群名', '目标社群', 'group', 'target group'];
const STATUS_HEADERS = ['状态', 'status'];

/** The channel cell of a group push (WeCom's 群发 / "mass message" to customer groups). */
const PUSH_CHANNELS = ['群发', '群发消息', '群发助手', 'mass message', 'group push'];
/** Rows with these statuses will not be sent. */
const SKIPPED_STATUSES = ['取消', '已取消', '已移除', 'cancelled', 'canceled', 'removed'];

function columnOf(header: CellValue[], names: string[]): number {
  const wanted = names.map((name) => normalizeHeader(name));
  return header.findIndex((cell) => wanted.includes(normalizeHeader(cell)));
}

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
    const headerRow = tab.grid.findIndex((cells) => columnOf(cells, DATE_HEADERS) >= 0 && columnOf(cells, CHANNEL_HEADERS) >= 0);
    if (headerRow < 0) continue;
    const header = tab.grid[headerRow];
    const dateCol = columnOf(header, DATE_HEADERS);
    const channelCol = columnOf(header, CHANNEL_HEADERS);
    const groupCol = columnOf(header, GROUP_HEADERS);
    const statusCol = columnOf(header, STATUS_HEADERS);
    for (const cells of tab.grid.slice(headerRow + 1)) {
      if (!pushChannels.includes(normalizeHeader(cells[channelCol]))) continue;
      if (statusCol >= 0 && skipped.includes(normalizeHeader(cells[statusCol]))) continue;
      const raw = cells[dateCol];
      const date = parseDate(typeof raw === 'string' ? raw.trim() : raw);
      if (date === null) continue;
      const rowGroup = groupCol >= 0 ? String(cells[groupCol] ?? '').trim() : '';
      const group = rowGroup || sopTabGroup(tab);
      const key = `${group}|${date}`;
      const count = counts.get(key) ?? { group, date, count: 0 };
      count.count++;
      counts.set(key, count);
    }
  }
  return [...counts.values()].sort((a, b) => a.date - b.date || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
