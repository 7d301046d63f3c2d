/**
 * The team: people, their roles and colours. The Team tab is the source of every owner dropdown;
 * colours follow a person into Gantt bars, calendars and workload blocks.
 */
import { AppError, Problem } from '../errors';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../tab/spec';
import { cellText, findHeader, normalizeHeader, tableRows, type TableSchema } from '../table/schema';

export const ROLES = ['operator', 'advisor', 'lecturer', 'headTeacher', 'assistant', 'designer', 'other'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  name: string;
  role: Role;
  email: string;
  color: string; // "#rrggbb"
}

/**
 * Distinct, mid-saturation colours that stay readable behind dark text in a Gantt bar; people get the
 * first colour not yet used, in this order.
 */
export const TEAM_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#8cd17d',
  '#a0cbe8',
  '#d37295',
  '#86bcb6',
  '#f1ce63',
  '#bab0ac',
  '#499894',
] as const;

export function roleLabel(role: Role, lang: Lang): string {
  return t(lang, `team.role.${role}`);
}

/** A role from its label in either language, or its key; null when unknown. */
export function parseRole(text: string): Role | null {
  const wanted = normalizeHeader(text);
  if (!wanted) return null;
  for (const role of ROLES) {
    if (wanted === role.toLowerCase()) return role;
    for (const lang of ['zh-CN', 'en'] as Lang[]) if (normalizeHeader(roleLabel(role, lang)) === wanted) return role;
  }
  return ROLE_ALIASES[wanted] ?? null;
}

const ROLE_ALIASES: Record<string, Role> = {
  运营: 'operator',
  社群运营: 'operator',
  运营号: 'operator',
  顾问: 'advisor',
  销售: 'advisor',
  课程顾问: 'advisor',
  讲师: 'lecturer',
  老师: 'lecturer',
  ip: 'lecturer',
  ip号: 'lecturer',
  讲师ip: 'lecturer',
  班主任: 'headTeacher',
  助教: 'assistant',
  设计: 'designer',
  设计师: 'designer',
  其他: 'other',
  其它: 'other',
};

export function isColor(text: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(text);
}

/** Gives everyone without a valid colour the first palette colour nobody uses yet (cycling when all are taken). */
export function assignColors(people: Person[]): Person[] {
  const used = new Set(people.filter((p) => isColor(p.color)).map((p) => p.color.toLowerCase()));
  let cursor = 0;
  return people.map((p) => {
    if (isColor(p.color)) return { ...p, color: p.color.toLowerCase() };
    let color: string | undefined = TEAM_PALETTE.find((c) => !used.has(c));
    if (!color) color = TEAM_PALETTE[cursor++ % TEAM_PALETTE.length];
    used.add(color);
    return { ...p, color };
  });
}

/** Trims, drops empty rows, rejects duplicate names and bad emails (the sidebar shows the problems inline). */
export function normalizeTeam(input: Array<Partial<Person>>): Person[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const people: Person[] = [];
  input.forEach((raw, index) => {
    const name = String(raw.name ?? '').trim();
    const email = String(raw.email ?? '').trim();
    if (!name && !email) return;
    const row = index + 2; // as on the Team tab, below its header
    if (!name) problems.push({ code: 'team.error.nameMissing', location: { row } });
    else if (seen.has(name)) problems.push({ code: 'team.error.duplicate', params: { name }, location: { row } });
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ code: 'team.error.email', params: { value: email }, location: { row } });
    seen.add(name);
    const role = raw.role && (ROLES as readonly string[]).includes(raw.role) ? raw.role : 'other';
    people.push({ name, role, email, color: String(raw.color ?? '').trim() });
  });
  if (problems.length) throw new AppError(problems);
  return assignColors(people);
}

export const TEAM_COLUMNS = ['name', 'role', 'email', 'color'] as const;
export type TeamColumn = (typeof TEAM_COLUMNS)[number];

/** The Team tab's table, declared once: written by saveTeam, read back wherever the team is needed. */
export const TEAM_SCHEMA: TableSchema<TeamColumn> = {
  order: TEAM_COLUMNS,
  required: ['name'],
  columns: {
    name: { header: 'team.header.name', synonyms: ['姓名', '名字', '成员', 'name'], width: 120, format: 'text' },
    role: { header: 'team.header.role', synonyms: ['角色', '岗位', 'role'], width: 130, format: 'text' },
    email: { header: 'team.header.email', synonyms: ['邮箱', '电子邮件', 'email', 'e-mail'], width: 220, format: 'text' },
    color: { header: 'team.header.color', synonyms: ['颜色', 'colour', 'color'], width: 90, format: 'text' },
  },
};

/**
 * Reads a Team tab (or a pasted team list such as samples/team.tsv): the header row is the first row
 * naming a name column, in either language; columns it does not name are someone's own (电话, 微信…)
 * and are left alone; unknown roles become 'other'.
 */
export function readTeamGrid(grid: CellValue[][]): Person[] {
  const header = findHeader(grid, TEAM_SCHEMA);
  if (!header) return [];
  const people: Array<Partial<Person>> = [];
  for (const { cells } of tableRows(grid, TEAM_SCHEMA, header)) {
    const name = cellText(cells.name);
    if (!name) continue;
    people.push({ name, role: parseRole(cellText(cells.role)) ?? 'other', email: cellText(cells.email), color: cellText(cells.color) });
  }
  const unique = people.filter((p, i) => people.findIndex((q) => q.name === p.name) === i);
  return assignColors(unique as Person[]);
}

/**
 * A team given as a whole (a file passed with --team, a pasted list): unlike a Team tab, which may be
 * empty, such a list must have its header and at least one person, or it is refused naming where it
 * came from, so that a wrong or empty file never replaces the team.
 */
export function readTeamList(grid: CellValue[][], source: string): Person[] {
  if (!findHeader(grid, TEAM_SCHEMA)) {
    throw new AppError({ code: 'team.error.noHeader', location: { file: source } });
  }
  const people = readTeamGrid(grid);
  if (people.length === 0) throw new AppError({ code: 'team.error.noPeople', location: { file: source } });
  return people;
}

/** People of a role, in Team-tab order. */
export function peopleWithRole(team: Person[], role: Role): Person[] {
  return team.filter((p) => p.role === role);
}

export function colorOf(team: Person[], name: string): string | null {
  return team.find((p) => p.name === name)?.color ?? null;
}
