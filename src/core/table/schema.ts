/**
 * A table declared once. A row-based tab (SOP, template, plan, activity list, team, metrics input) is
 * described by a schema: for each column its key, its header in both languages and other names people
 * use for it, its width, number format, dropdown and how a cell of it is read. The same schema writes
 * the tab's header and columns and reads a grid back into typed rows, with every problem located by
 * row and column. A column the schema does not know is the user's column: it is never written, and
 * the rows carry it along.
 */
import { toHalfWidth } from '../dates';
import type { Problem } from '../errors';
import { LANGS, t, type Lang, type MessageKey, type MessageParams } from '../i18n';
import type { CellFormat, CellValue, ColumnSpec, ValidationRule, ValidationSpec } from '../tab/spec';

/** A cell read as text: trimmed, '' for blank. */
export function cellText(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/**
 * How headers and labels are compared: half-width, lower case, without spaces and the marks people
 * put around names ("成员_ID", "*群人数", "日期:").
 */
export function normalizeHeader(text: unknown): string {
  return toHalfWidth(String(text ?? ''))
    .toLowerCase()
    .replace(/[\s_\-*:]+/g, '');
}

const TRAILING_UNIT = /[([【]([^()[\]【】]*)[)\]】]$/;

/** A header's name and the unit in brackets that ends it, both normalized: "群人数（人）" → 群人数, 人. */
export function headerName(text: unknown): { name: string; unit: string | null } {
  const name = normalizeHeader(text);
  const m = TRAILING_UNIT.exec(name);
  return m && m.index > 0 ? { name: name.slice(0, m.index), unit: m[1] } : { name, unit: null };
}

/** What a column's reader makes of one cell: a value, or a problem (the reader adds where it is). */
export type CellReading<V> = { value: V } | { problem: MessageKey; params?: MessageParams };

/** What a reader may need to know to word a problem: the language of its parameters (expected values). */
export interface ReadContext {
  lang: Lang;
}

/** What a dropdown may need to know about the workbook it is written into. */
export interface DropdownContext {
  lang: Lang;
  /** The Team tab's name; null when there is none yet. */
  teamTab: string | null;
}

export interface ColumnDef<V = unknown> {
  /** The header written, in the tab's language. */
  header: MessageKey;
  /** Other header texts that name this column when a tab is read back (either language, any case). */
  synonyms?: readonly string[];
  width?: number;
  format?: CellFormat;
  hidden?: boolean;
  /**
   * The column holds names, not quantities: where the schema reads units, a header with a unit never
   * names it ("周期(天)" is a duration, not a period).
   */
  holdsText?: boolean;
  /** Reads a data cell; by default a cell is its trimmed text ('' for blank). */
  read?: (cell: CellValue, context: ReadContext) => CellReading<V>;
  dropdown?: (context: DropdownContext) => ValidationRule | null;
}

/**
 * How pasted data is told apart from its title rows, for schemas that read other people's tables
 * (exports, hand-kept lists) rather than only tabs the add-on wrote.
 */
export interface HeaderRule<Key extends string = string> {
  /** The header names at least this many of the schema's columns (a title row names one at most). */
  minColumns?: number;
  /** …and at least one of these ("社群 活动" names two columns, yet without a number column it is a title). */
  anyOf?: readonly Key[];
  /** A unit in brackets ending a header is not part of its name: "群人数（人）" names the members column. */
  units?: boolean;
  /**
   * A header ending with a column's name names it too ("公开课到课" → attendees), after every exact
   * match, unless a negation comes before ("未打开") or the header is one of `except` (figures derived
   * from the inputs: "单客成本" is not a cost).
   */
  suffixes?: { except?: readonly string[] };
}

export interface TableSchema<Key extends string = string> {
  /** The columns in the order a new tab shows them. */
  columns: Readonly<Record<Key, ColumnDef>>;
  order: readonly Key[];
  /** A row is the header when it names all of these columns (and passes `header`, when given). */
  required: readonly Key[];
  header?: HeaderRule<Key>;
}

/** Where the schema's columns are in a grid read back. */
export interface TableHeader<Key extends string = string> {
  /** 0-based row of the header. */
  row: number;
  /** 0-based column of each column found (the leftmost when a header repeats). */
  columns: Partial<Record<Key, number>>;
  /** Columns of the header row the schema does not know (with text in the header cell): the user's. */
  userColumns: number[];
  /** The header row's cells as text, to name a column in a problem the way the table names it. */
  labels: string[];
  /** User columns whose header names a column found further left (first one wins), in the order found. */
  repeated: Array<{ column: number; key: Key }>;
}

export interface TableRow<Key extends string = string> {
  /** 0-based row in the grid. */
  row: number;
  cells: Partial<Record<Key, CellValue>>;
}

interface HeaderIndex<Key extends string> {
  exact: Map<string, Key>;
  /** Every name, longest first, for headers that end with one. */
  suffixes: Array<{ name: string; key: Key }>;
  except: Set<string>;
}

const indexes = new WeakMap<TableSchema<string>, HeaderIndex<string>>();

/** Header names → column key, over both languages, the synonyms and the keys themselves (first one wins). */
function headerIndex<Key extends string>(schema: TableSchema<Key>): HeaderIndex<Key> {
  const cached = indexes.get(schema as TableSchema<string>);
  if (cached) return cached as HeaderIndex<Key>;
  const nameOf = (text: string): string => (schema.header?.units ? headerName(text).name : normalizeHeader(text));
  const exact = new Map<string, Key>();
  const suffixes: Array<{ name: string; key: Key }> = [];
  for (const key of schema.order) {
    const column = schema.columns[key];
    for (const text of [...LANGS.map((lang) => t(lang, column.header)), ...(column.synonyms ?? []), key]) {
      const name = nameOf(text);
      if (!name) continue;
      if (!exact.has(name)) exact.set(name, key);
      suffixes.push({ name, key });
    }
  }
  suffixes.sort((a, b) => b.name.length - a.name.length);
  const index: HeaderIndex<Key> = { exact, suffixes, except: new Set((schema.header?.suffixes?.except ?? []).map(nameOf)) };
  indexes.set(schema as TableSchema<string>, index as HeaderIndex<string>);
  return index;
}

/** A negated header ("未打开", "unopened") is not the name it ends with. */
const NEGATION_BEFORE = /(未|不|非|没|无|un|non)$/;

type MatchKind = 'exact' | 'suffix';

function matchHeader<Key extends string>(schema: TableSchema<Key>, index: HeaderIndex<Key>, cell: CellValue | undefined, kind: MatchKind): Key | null {
  const { name, unit } = schema.header?.units ? headerName(cell) : { name: normalizeHeader(cell), unit: null };
  if (!name) return null;
  let key: Key | null = null;
  if (kind === 'exact') key = index.exact.get(name) ?? null;
  else if (!index.except.has(name)) {
    const candidate = index.suffixes.find((s) => name.length > s.name.length && name.endsWith(s.name));
    if (candidate && !NEGATION_BEFORE.test(name.slice(0, name.length - candidate.name.length))) key = candidate.key;
  }
  if (key !== null && unit !== null && schema.columns[key].holdsText) return null;
  return key;
}

function matchKinds(schema: TableSchema<string>): MatchKind[] {
  return schema.header?.suffixes ? ['exact', 'suffix'] : ['exact'];
}

/** The key a header text names, or null. */
export function columnNamed<Key extends string>(schema: TableSchema<Key>, text: CellValue | undefined): Key | null {
  const index = headerIndex(schema);
  for (const kind of matchKinds(schema)) {
    const key = matchHeader(schema, index, text, kind);
    if (key !== null) return key;
  }
  return null;
}

/** What a row would be as the header: the columns it names (exact names first, then endings), and the rest. */
function readHeaderRow<Key extends string>(line: ReadonlyArray<CellValue>, schema: TableSchema<Key>, row: number): TableHeader<Key> {
  const index = headerIndex(schema);
  const columns: Partial<Record<Key, number>> = {};
  const repeated: TableHeader<Key>['repeated'] = [];
  const named = new Set<number>();
  for (const kind of matchKinds(schema)) {
    line.forEach((cell, c) => {
      if (named.has(c)) return;
      const key = matchHeader(schema, index, cell, kind);
      if (key === null) return;
      named.add(c);
      if (columns[key] === undefined) columns[key] = c;
      else repeated.push({ column: c, key });
    });
  }
  const own = new Set(Object.values(columns) as number[]);
  const labels = Array.from(line, (cell) => cellText(cell));
  const userColumns = labels.flatMap((label, c) => (!own.has(c) && label !== '' ? [c] : []));
  return { row, columns, userColumns, labels, repeated };
}

function isHeader<Key extends string>(schema: TableSchema<Key>, columns: Partial<Record<Key, number>>): boolean {
  const rule = schema.header ?? {};
  const has = (key: Key): boolean => columns[key] !== undefined;
  if (!schema.required.every(has)) return false;
  if (schema.order.filter(has).length < (rule.minColumns ?? 0)) return false;
  return !rule.anyOf || rule.anyOf.some(has);
}

/**
 * The header row: the first row that names every required column (and, with a header rule, enough
 * columns). Null when there is none.
 */
export function findHeader<Key extends string>(grid: ReadonlyArray<ReadonlyArray<CellValue>>, schema: TableSchema<Key>): TableHeader<Key> | null {
  for (let r = 0; r < grid.length; r++) {
    const header = readHeaderRow(grid[r] ?? [], schema, r);
    if (isHeader(schema, header.columns)) return header;
  }
  return null;
}

/**
 * The rows below the header that hold something in one of the schema's columns, each as its cells by
 * key. Columns listed in `ignore` (formulas the tab fills itself, such as a weekday) do not make a
 * row count as filled.
 */
export function tableRows<Key extends string>(
  grid: ReadonlyArray<ReadonlyArray<CellValue>>,
  schema: TableSchema<Key>,
  header: TableHeader<Key>,
  ignore: readonly Key[] = [],
): TableRow<Key>[] {
  const rows: TableRow<Key>[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    const line = grid[r];
    const cells: Partial<Record<Key, CellValue>> = {};
    let filled = false;
    for (const key of schema.order) {
      const c = header.columns[key];
      if (c === undefined) continue;
      const value = line[c] ?? null;
      cells[key] = value;
      if (!ignore.includes(key) && cellText(value) !== '') filled = true;
    }
    if (filled) rows.push({ row: r, cells });
  }
  return rows;
}

/**
 * Reads a column of a row with the column's reader; a problem is located at the cell (1-based row as
 * the user sees it, the column's letter and its header as the table names it) and added to
 * `problems`. Returns undefined then. `params` go into every problem (the task a plan row is about).
 */
export function readCell<Key extends string, V>(
  schema: TableSchema<Key>,
  header: TableHeader<Key>,
  row: TableRow<Key>,
  key: Key,
  problems: Problem[],
  location: { tab?: string; file?: string; lang?: Lang; params?: MessageParams } = {},
): V | undefined {
  const column = schema.columns[key] as ColumnDef<V>;
  const cell = row.cells[key] ?? null;
  if (!column.read) return cellText(cell) as unknown as V;
  const lang = location.lang ?? 'zh-CN';
  const reading = column.read(cell, { lang });
  if ('value' in reading) return reading.value;
  problems.push(problemAt(schema, header, row.row, key, reading.problem, { ...location.params, ...reading.params }, location));
  return undefined;
}

/**
 * A problem at a cell of the table: its 1-based row, and when the table has the column, its letter
 * and its header as the table names it (the schema's, in `lang`, when that header cell is blank).
 */
export function problemAt<Key extends string>(
  schema: TableSchema<Key>,
  header: TableHeader<Key>,
  row: number,
  key: Key | null,
  code: MessageKey,
  params: MessageParams | undefined,
  where: { tab?: string; file?: string; lang?: Lang } = {},
): Problem {
  const location: NonNullable<Problem['location']> = {};
  if (where.file !== undefined) location.file = where.file;
  if (where.tab !== undefined) location.tab = where.tab;
  location.row = row + 1;
  const col = key === null ? undefined : header.columns[key];
  if (key !== null && col !== undefined) {
    location.column = col;
    location.columnName = header.labels[col] || t(where.lang ?? 'zh-CN', schema.columns[key].header);
  }
  const problem: Problem = { code, location };
  if (params && Object.keys(params).length) problem.params = params;
  return problem;
}

/** The header cells of a new tab, in the tab's language. */
export function headerCells<Key extends string>(schema: TableSchema<Key>, keys: readonly Key[], lang: Lang): string[] {
  return keys.map((key) => t(lang, schema.columns[key].header));
}

/** The column specs of a new tab (width, format, hidden) for the given keys, in order. */
export function columnSpecs<Key extends string>(schema: TableSchema<Key>, keys: readonly Key[]): ColumnSpec[] {
  return keys.map((key) => {
    const column = schema.columns[key];
    const spec: ColumnSpec = { key };
    if (column.width !== undefined) spec.width = column.width;
    if (column.format !== undefined) spec.format = column.format;
    if (column.hidden) spec.hidden = true;
    return spec;
  });
}

/**
 * The dropdowns of the given columns (those whose schema has one), over `rows` data rows from `row`,
 * each in the column `colOf` says.
 */
export function columnDropdowns<Key extends string>(
  schema: TableSchema<Key>,
  keys: readonly Key[],
  colOf: (key: Key) => number,
  context: DropdownContext,
  rows: { row: number; rows: number },
): ValidationSpec[] {
  const specs: ValidationSpec[] = [];
  for (const key of keys) {
    const rule = schema.columns[key].dropdown?.(context) ?? null;
    if (rule) specs.push({ range: { row: rows.row, col: colOf(key), rows: rows.rows, cols: 1 }, rule });
  }
  return specs;
}
