/**
 * The team: people, their roles and colours. The Team tab is the source of every owner dropdown;
 * colours follow a person into Gantt bars, calendars and workload blocks.
 */
import { toHalfWidth } from '../dates';
import { AppError, Problem } from '../errors';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../tab/spec';
import { cellText, findHeader, normalizeHeader, tableRows, type TableSchema } from '../table/schema';

export const ROLES = ['operator', 'advisor', 'lecturer', 'headTeacher', 'assistant', 'designer', 'other'] as const;
export type Role = (typeof ROLES)[number];

export interface Person extends Partial<PersonContacts> {
  name: string;
  role: Role;
  email: string;
  color: string; // "#rrggbb"
}

/**
 * How a reminder reaches a person in a work chat, as typed on the Team tab (optional columns): a phone
 * number (WeCom and DingTalk @ by mobile), a WeCom userid, a Feishu open_id ("ou_…"), a DingTalk userid.
 * On a Person a contact left out means "not said" (keep what the Team tab holds); '' means none.
 */
export interface PersonContacts {
  phone: string;
  wecomUserId: string;
  feishuOpenId: string;
  dingtalkUserId: string;
}

export const CONTACT_COLUMNS = ['phone', 'wecomUserId', 'feishuOpenId', 'dingtalkUserId'] as const satisfies ReadonlyArray<keyof PersonContacts>;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

/**
 * Distinct, mid-saturation colours that stay readable behind dark text in a Gantt bar; people get the
 * first colour not yet used, in this order. None is a red or a pink, which would read as the overdue
 * red of the Gantt's task names, nor a grey like the bars of no one on the team. A colour is saved on
 * the Team tab once given, so changing an entry here only changes the colour of people given one later
 * (the replaced reds, the warm grey and two near-twins of a teal and a yellow kept their places, so
 * nobody else's colour moves). Every two colours are at least 35 apart in RGB (test/core/team.test.ts).
 */
export const TEAM_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#9d8fd8',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#bcbd22',
  '#9c755f',
  '#8cd17d',
  '#a0cbe8',
  '#6fc3df',
  '#dce29a',
  '#be52e2',
  '#c9a0dc',
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

/**
 * A phone number as the platforms take it in an @ list: digits only, without the +86 / 0086 country
 * code of a mainland number ("+86 138-0000-0001" → "13800000001"); other countries keep "+" and digits.
 * '' when the text is not a phone number.
 */
export function normalizePhone(text: string): string {
  const compact = toHalfWidth(text).replace(/[\s\-().]/g, '');
  if (!/^\+?\d{5,15}$/.test(compact)) return '';
  const mainland = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return mainland ? mainland[1] : compact;
}

/** A WeCom userid: letters, digits and _ - @ . (1–64 characters), as the WeCom admin console allows. */
function isWecomUserId(text: string): boolean {
  return /^[A-Za-z0-9_@.-]{1,64}$/.test(text);
}

/** The contact a person's row gives for each kind (only kinds the input states), or a problem. */
function readContacts(raw: Partial<Person>, row: number, problems: Problem[]): Partial<PersonContacts> {
  const contacts: Partial<PersonContacts> = {};
  for (const key of CONTACT_COLUMNS) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const value = String(raw[key]).trim();
    contacts[key] = value;
    if (!value) continue;
    if (key === 'phone' && !normalizePhone(value)) problems.push({ code: 'team.error.phone', params: { value }, location: { row } });
    if (key === 'wecomUserId' && !isWecomUserId(value)) problems.push({ code: 'team.error.wecomUserId', params: { value }, location: { row } });
    if (key === 'feishuOpenId' && !/^ou_[A-Za-z0-9]+$/.test(value)) problems.push({ code: 'team.error.feishuOpenId', params: { value }, location: { row } });
    if (key === 'dingtalkUserId' && /\s/.test(value)) problems.push({ code: 'team.error.dingtalkUserId', params: { value }, location: { row } });
  }
  return contacts;
}

/**
 * Trims, drops empty rows, rejects duplicate names, bad emails and contacts that cannot be an @ target
 * (the sidebar shows the problems inline). A contact the input leaves out stays left out (see Person).
 */
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
    people.push({ name, role, email, color: String(raw.color ?? '').trim(), ...readContacts(raw, row, problems) });
  });
  if (problems.length) throw new AppError(problems);
  return assignColors(people);
}

/** Every column of the Team tab, in the order a tab shows them; the contact columns appear only once used (teamColumns). */
export const TEAM_COLUMNS = ['name', 'role', 'email', 'color', ...CONTACT_COLUMNS] as const;
export type TeamColumn = (typeof TEAM_COLUMNS)[number];
/** The columns every Team tab has. */
export const BASE_TEAM_COLUMNS = ['name', 'role', 'email', 'color'] as const satisfies readonly TeamColumn[];

/**
 * The columns a Team tab gets: the base ones, and each contact column that the tab has already or that
 * someone's row fills. A team that never uses reminders keeps its four columns; a tab where someone
 * typed a 手机号 header keeps that column, now read and written as the add-on's.
 */
export function teamColumns(people: ReadonlyArray<Partial<Person>>, existing: readonly string[] = []): TeamColumn[] {
  const used = (key: ContactColumn) => existing.includes(key) || people.some((p) => String(p[key] ?? '').trim() !== '');
  return [...BASE_TEAM_COLUMNS, ...CONTACT_COLUMNS.filter(used)];
}

/**
 * The people with each contact they leave out taken from their row on the Team tab as it is (found by
 * name): the sidebar and a --team file may not know the contact columns, and saving must not erase
 * what someone typed there.
 */
export function keepTypedContacts(people: Person[], rows: ReadonlyArray<{ cells: Partial<Record<TeamColumn, CellValue>> }>): Person[] {
  const byName = new Map<string, Partial<Record<TeamColumn, CellValue>>>();
  for (const row of rows) {
    const name = cellText(row.cells.name);
    if (name && !byName.has(name)) byName.set(name, row.cells);
  }
  return people.map((person) => {
    const cells = byName.get(person.name);
    const kept: Person = { ...person };
    for (const key of CONTACT_COLUMNS) if (kept[key] === undefined) kept[key] = cells ? cellText(cells[key]) : '';
    return kept;
  });
}

/** The Team tab's table, declared once: written by saveTeam, read back wherever the team is needed. */
export const TEAM_SCHEMA: TableSchema<TeamColumn> = {
  order: TEAM_COLUMNS,
  required: ['name'],
  columns: {
    name: { header: 'team.header.name', synonyms: ['姓名', '名字', '成员', 'name'], width: 120, format: 'text' },
    role: { header: 'team.header.role', synonyms: ['角色', '岗位', 'role'], width: 130, format: 'text' },
    email: { header: 'team.header.email', synonyms: ['邮箱', '电子邮件', 'email', 'e-mail'], width: 220, format: 'text' },
    color: { header: 'team.header.color', synonyms: ['颜色', 'colour', 'color'], width: 90, format: 'text' },
    // 电话 alone is not a synonym: teams keep desk numbers under it, and such a column stays theirs.
    phone: { header: 'team.header.phone', synonyms: ['手机号', '手机', '手机号码', '电话号码', 'mobile', 'phone', 'cellphone'], width: 120, format: 'text' },
    wecomUserId: {
      header: 'team.header.wecomUserId',
      synonyms: ['企业微信userid', '企微userid', '企业微信id', '企微id', '企业微信账号', 'wecomuserid', 'wecomid'],
      width: 130,
      format: 'text',
    },
    feishuOpenId: {
      header: 'team.header.feishuOpenId',
      synonyms: ['飞书openid', '飞书id', 'feishuopenid', 'larkopenid', 'openid'],
      width: 150,
      format: 'text',
    },
    dingtalkUserId: { header: 'team.header.dingtalkUserId', synonyms: ['钉钉userid', '钉钉id', 'dingtalkuserid', 'dingtalkid'], width: 130, format: 'text' },
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
    const person: Partial<Person> = { name, role: parseRole(cellText(cells.role)) ?? 'other', email: cellText(cells.email), color: cellText(cells.color) };
    // A contact column the grid lacks is not said (kept as the Team tab has it when this team is saved).
    for (const key of CONTACT_COLUMNS) if (header.columns[key] !== undefined) person[key] = cellText(cells[key]);
    people.push(person);
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
