/**
 * What a Today board holds of the sources it follows, read back from the board alone — so that a
 * new SOP or Gantt tab joins the board without every other source being read again:
 * - which tab, which row and which columns: from the board's own formulas (INDEX('SOP…'!$D:$D,7)),
 *   which Sheets keeps pointing at the right cells when a source is renamed or gets a column inserted;
 * - its rows: from the hidden mirror's values, which the spreadsheet computes live from the source;
 * - what each source is (SOP group and cohort, or Gantt plan): from the board's marker
 *   (`about.sources`, sources.ts).
 * Null when the board cannot be read back that way (made by an earlier version, a mirror changed by
 * hand, a formula of another shape): the board is then built again from every source, as at first.
 */
import { LANGS, t } from '../i18n';
import { TASK_COLUMN_LABELS } from '../gantt/columns';
import { sopHeader } from '../sop/columns';
import { columnIndex, type CellValue } from '../tab/spec';
import { MIRROR_COLUMNS, TODAY_FIRST_LINE_ROW, TODAY_HEADER_ROW, type BoardSource } from './board';
import { cellAsText, readSourceRows, type SourceRow, type WorkKind } from './read';
import { describedSources, dueSourceLayout, sourceLayout, type DueColumns, type DueSourceTab } from './sources';

type MirrorColumn = (typeof MIRROR_COLUMNS)[number];

/** What the board gives back when read: its values (as the spreadsheet computed them) and its formulas. */
export interface BoardContent {
  values: ReadonlyArray<ReadonlyArray<CellValue>>;
  formulas: ReadonlyArray<ReadonlyArray<string>>;
}

/** A source on the board, with what each one is, so a caller can tell whether it still exists. */
export interface SourceOnBoard extends BoardSource {
  /** The source as the board's marker describes it, with its tab's name as the board's formulas say it now. */
  tab: DueSourceTab;
}

/** One INDEX(tab!$X:$X,row) of a mirror formula: the tab named (quoted or not), its column and row. */
const INDEX_REF = /INDEX\((?:'((?:[^']|'')+)'|([^'!(),"\s#]+))!\$?([A-Z]{1,3}):\$?([A-Z]{1,3}),(\d+)\)/;

interface IndexRef {
  tab: string;
  col: number;
  row: number;
}

function indexRef(formula: string, within = ''): IndexRef | null {
  const start = within ? formula.indexOf(within) : 0;
  if (start < 0) return null;
  const match = INDEX_REF.exec(formula.slice(start));
  if (!match || match[3] !== match[4]) return null;
  return { tab: match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2], col: columnIndex(match[3]), row: Number(match[5]) };
}

/** Every mirror column's 0-based column on the board, found by its header in either language; null when one is missing. */
function mirrorColumns(header: ReadonlyArray<CellValue>): Record<MirrorColumn, number> | null {
  const titled = (column: MirrorColumn, col: number): boolean => LANGS.some((lang) => header[col] === t(lang, `today.mirror.${column}`));
  const first = header.findIndex((_, col) => titled('source', col));
  if (first < 0) return null;
  const columns = {} as Record<MirrorColumn, number>;
  for (const [i, column] of MIRROR_COLUMNS.entries()) {
    if (!titled(column, first + i)) return null;
    columns[column] = first + i;
  }
  return columns;
}

const UNASSIGNED = new Set(LANGS.map((lang) => t(lang, 'today.unassigned').toLowerCase()));

/**
 * The board's sources as it follows them now, in its order, but for those `keep` leaves out (a
 * source whose tab is gone: the caller knows by the markers, without asking tab names); null when
 * the board cannot be read back (see the module's comment). A kept source whose formulas lost their
 * tab (#REF!) is a case a rebuild settles: null too.
 */
export function sourcesOnBoard(
  content: BoardContent,
  about: Readonly<Record<string, string>> | undefined,
  keep: (source: Omit<DueSourceTab, 'tab'>) => boolean = () => true,
): SourceOnBoard[] | null {
  const described = describedSources(about?.sources);
  const header = content.values[TODAY_HEADER_ROW];
  const at = described && header ? mirrorColumns(header) : null;
  if (!described || !at) return null;

  // The mirror's rows, source by source: each source's rows together, its positions in order.
  const rowsOf = new Map<number, number[]>();
  for (let r = TODAY_FIRST_LINE_ROW; r < content.values.length; r++) {
    const index = content.values[r][at.source];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 1) break;
    const rows = rowsOf.get(index) ?? [];
    if (rows.length && rows[rows.length - 1] !== r - 1) return null;
    rows.push(r);
    rowsOf.set(index, rows);
  }
  if ([...rowsOf.keys()].some((index) => index > described.length)) return null;

  const sources: SourceOnBoard[] = [];
  for (const [i, what] of described.entries()) {
    const rows = rowsOf.get(i + 1);
    if (!rows) return null;
    if (!keep(what)) continue;
    const formulas = content.formulas[rows[0]] ?? [];
    const formulaIn = (column: MirrorColumn): string => formulas[at[column]] ?? '';
    if (MIRROR_COLUMNS.some((column) => formulaIn(column).includes('#REF!'))) return null;
    const item = indexRef(formulaIn('item'));
    const date = indexRef(formulaIn('date'));
    if (!item || !date) return null;
    const optional = (column: MirrorColumn, within = ''): IndexRef | null | undefined => {
      const formula = formulaIn(column);
      if (!formula.startsWith('=') || !formula.includes(within)) return null;
      return indexRef(formula, within) ?? undefined;
    };
    const refs = { time: optional('time'), owner: optional('owner'), status: optional('status'), progress: optional('kind', 'N(INDEX(') };
    const all = [item, date, ...Object.values(refs)].filter((ref): ref is IndexRef => ref !== null);
    if (Object.values(refs).includes(undefined) || all.some((ref) => ref.tab !== item.tab || ref.row !== item.row)) return null;
    const col = (ref: IndexRef | null | undefined): number | null => (ref ? ref.col : null);
    const columns: DueColumns = {
      date: date.col,
      item: item.col,
      time: col(refs.time),
      owner: col(refs.owner),
      status: col(refs.status),
      progress: col(refs.progress),
    };
    const tab: DueSourceTab = { ...what, tab: item.tab };
    // The first mirror row follows the source's first data row (0-based row = its 1-based sheet row - 1).
    const layout = sourceLayout(tab, item.row - 1, columns);
    const link = content.values[rows[0]][at.link];
    const linkPrefix = typeof link === 'string' ? link.replace(/\$?[A-Z]{1,3}\$?\d+$/, '') : '';
    if (!linkPrefix || linkPrefix === link) return null;
    sources.push({ tab, layout, linkPrefix, rows: rows.map((r, position) => mirrorRow(content.values[r], at, layout.firstRow + position + 1)) });
  }
  return sources;
}

/** The item column's header in either language, per kind of source. */
const ITEM_HEADERS = {
  sop: new Set(LANGS.map((lang) => sopHeader('item', lang).toLowerCase())),
  plan: new Set(LANGS.map((lang) => t(lang, TASK_COLUMN_LABELS.task).toLowerCase())),
};

/**
 * Whether the board may no longer follow all of a source where it is, so that the source is read
 * again: its last followed row (a spare one) holds something — rows may lie beyond it — or a followed
 * row holds the header, so rows were inserted above it (the formulas' row numbers are constants, which
 * Sheets leaves as they are).
 */
export function followsStale(source: SourceOnBoard): boolean {
  const last = source.rows[source.rows.length - 1];
  if (!last) return true;
  const headers = ITEM_HEADERS[source.layout.source];
  return last.date !== null || (source.layout.source === 'sop' && last.item !== '') || source.rows.some((row) => headers.has(row.item.toLowerCase()));
}

/** One mirror row's values as the source row they show (the owner blank where the mirror says nobody). */
function mirrorRow(line: ReadonlyArray<CellValue>, at: Record<MirrorColumn, number>, sheetRow: number): SourceRow {
  const date = line[at.date];
  const time = line[at.time];
  const owner = cellAsText(line[at.owner]);
  const kind = line[at.kind];
  return {
    row: sheetRow,
    date: typeof date === 'number' ? Math.floor(date) : null,
    time: typeof time === 'number' ? time : cellAsText(time),
    item: cellAsText(line[at.item]),
    owner: UNASSIGNED.has(owner.toLowerCase()) ? '' : owner,
    status: cellAsText(line[at.status]),
    kind: kind === 'open' || kind === 'done' || kind === 'dropped' ? (kind as WorkKind) : null,
  };
}

/**
 * Where the board's reading of a source differs from the source as read now (the self-test's check
 * in a real spreadsheet): 'layout' when the columns or the first row differ, else the 1-based row of
 * the first row that reads otherwise; null when they agree. Owners compare as the board shows them.
 */
export function boardDisagreement(onBoard: SourceOnBoard, grid: ReadonlyArray<ReadonlyArray<CellValue>>): 'layout' | number | null {
  const layout = dueSourceLayout(onBoard.tab, grid);
  const columns = Object.keys(onBoard.layout.columns) as Array<keyof DueColumns>;
  if (!layout || layout.firstRow !== onBoard.layout.firstRow || columns.some((key) => layout.columns[key] !== onBoard.layout.columns[key])) return 'layout';
  const now = readSourceRows(layout, grid, onBoard.rows.length);
  const shown = (row: SourceRow): SourceRow => ({ ...row, owner: UNASSIGNED.has(row.owner.toLowerCase()) ? '' : row.owner });
  const same = (a: SourceRow, b: SourceRow): boolean =>
    a.row === b.row && a.date === b.date && a.time === b.time && a.item === b.item && a.owner === b.owner && a.status === b.status && a.kind === b.kind;
  const differing = onBoard.rows.findIndex((row, i) => !same(shown(row), shown(now[i])));
  return differing < 0 ? null : onBoard.rows[differing].row;
}
