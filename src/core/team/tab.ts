/** The 团队 / Team tab: one row per person; its name column feeds every owner dropdown. */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { planTableLayout, type TableLayout } from '../tab/layers';
import { markerOf } from '../tab/marker';
import { range, type Cell, type ColumnSpec, type StyleRun, type TabSpec, type ValidationRule } from '../tab/spec';
import { columnSpecs, headerCells } from '../table/schema';
import { Person, ROLES, roleLabel, TEAM_COLUMNS, TEAM_SCHEMA, teamColumns, type TeamColumn } from './team';

export { TEAM_COLUMNS, TEAM_SCHEMA };

/** Rows the role dropdown covers, so people added later by hand are included. */
const DROPDOWN_ROWS = 200;

export function teamTabName(lang: Lang): string {
  return t(lang, 'team.tabName');
}

/**
 * The owner dropdown every generated tab uses: the Team tab's name column, open-ended so that people
 * added at the bottom later are offered too. Not strict: a name typed by hand is kept.
 */
export function ownerDropdown(teamTab: string): ValidationRule {
  return { type: 'listFromRange', tab: teamTab, a1: 'A2:A', strict: false };
}

/**
 * The Team tab for these people, in this order. `layout`: where the columns of an existing Team tab
 * are (people may have added columns of their own, such as 电话), and which of the optional contact
 * columns it has (teamColumns); by default a new tab's.
 */
export function buildTeamTab(people: Person[], lang: Lang, generatedNote: string, layout: TableLayout = planTableLayout(teamColumns(people), null)): TabSpec {
  const keys = TEAM_COLUMNS.filter((key) => layout.columns[key] !== undefined);
  const col = (key: TeamColumn): number => layout.columns[key];
  const width = layout.right;
  const line = (cells: Partial<Record<TeamColumn, Cell>>): Cell[] => {
    const row: Cell[] = new Array<Cell>(width).fill(null);
    for (const key of keys) row[col(key)] = cells[key] ?? null;
    return row;
  };
  const header = headerCells(TEAM_SCHEMA, keys, lang);
  const rows = people.map((p) =>
    line({
      name: p.name,
      role: roleLabel(p.role, lang),
      email: p.email,
      color: p.color,
      phone: p.phone ?? '',
      wecomUserId: p.wecomUserId ?? '',
      feishuOpenId: p.feishuOpenId ?? '',
      dingtalkUserId: p.dingtalkUserId ?? '',
    }),
  );
  const dataRows = Math.max(DROPDOWN_ROWS, people.length);
  const columns: ColumnSpec[] = Array.from({ length: width }, (_, c) => ({ key: `user${c}` }));
  columnSpecs(TEAM_SCHEMA, keys).forEach((column, i) => (columns[col(keys[i])] = column));
  return {
    name: teamTabName(lang),
    marker: markerOf('team', {}),
    columns,
    headerRows: 1,
    frozenRows: 1,
    rows: [line(Object.fromEntries(keys.map((key, i) => [key, header[i]]))), ...rows],
    styles: [
      ...keys.map((key): StyleRun => ({ range: range(0, col(key)), style: { bold: true, background: '#f1f3f4' } })),
      ...people.map((p, i): StyleRun => ({ range: range(i + 1, col('color')), style: { background: p.color, fontColor: readableTextColor(p.color) } })),
    ],
    validations: [{ range: range(1, col('role'), dataRows, 1), rule: { type: 'list', values: ROLES.map((r) => roleLabel(r, lang)), strict: false } }],
    notes: [{ row: 0, col: col('name'), text: `${t(lang, 'team.note')}\n${generatedNote}` }],
    tabColor: '#4e79a7',
  };
}

/** Black or white, whichever reads better on the background (WCAG relative luminance). */
export function readableTextColor(background: string): string {
  const channel = (hex: string): number => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!m) return '#000000';
  const luminance = 0.2126 * channel(m[1]) + 0.7152 * channel(m[2]) + 0.0722 * channel(m[3]);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
