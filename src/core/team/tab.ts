/** The 团队 / Team tab: one row per person; its name column feeds every owner dropdown. */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { range, TabSpec, ValidationRule } from '../tab/spec';
import { Person, ROLES, roleLabel } from './team';

export const TEAM_COLUMNS = ['name', 'role', 'email', 'color'] as const;

/** Rows the dropdowns cover, so people added later by hand are included. */
const DROPDOWN_ROWS = 200;

export function teamTabName(lang: Lang): string {
  return t(lang, 'team.tabName');
}

/** The owner dropdown every generated tab uses: the Team tab's name column. */
export function ownerDropdown(teamTab: string): ValidationRule {
  return { type: 'listFromRange', tab: teamTab, a1: `A2:A${DROPDOWN_ROWS + 1}`, strict: false };
}

export function buildTeamTab(people: Person[], lang: Lang, generatedNote: string): TabSpec {
  const header = TEAM_COLUMNS.map((key) => t(lang, `team.header.${key}`));
  const rows = people.map((p) => [p.name, roleLabel(p.role, lang), p.email, p.color]);
  const dataRows = Math.max(DROPDOWN_ROWS, people.length);
  return {
    name: teamTabName(lang),
    marker: { kind: 'team', key: {} },
    columns: [
      { key: 'name', width: 120, format: 'text' },
      { key: 'role', width: 130, format: 'text' },
      { key: 'email', width: 220, format: 'text' },
      { key: 'color', width: 90, format: 'text' },
    ],
    headerRows: 1,
    frozenRows: 1,
    rows: [header, ...rows],
    styles: [
      { range: range(0, 0, 1, 4), style: { bold: true, background: '#f1f3f4' } },
      ...people.map((p, i) => ({ range: range(i + 1, 3), style: { background: p.color, fontColor: readableTextColor(p.color) } })),
    ],
    validations: [{ range: range(1, 1, dataRows, 1), rule: { type: 'list', values: ROLES.map((r) => roleLabel(r, lang)), strict: false } }],
    notes: [{ row: 0, col: 0, text: `${t(lang, 'team.note')}\n${generatedNote}` }],
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
