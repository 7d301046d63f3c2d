/**
 * "Nothing a person typed is lost", checked the same way on the local workbook and on the Apps Script
 * adapter (over the recording fake): a person edits a generated tab the ways a spreadsheet allows,
 * each edit leaving a unique token; the feature runs again; every token must be found again in its
 * row (and column), or in the hidden old version at the place it was.
 */
import fc from 'fast-check';
import { generateSopTabs } from '../../src/app/sop';
import { saveTeam } from '../../src/app/team';
import { addDays, fromIso, toIso, type DaySerial } from '../../src/core/dates';
import { isAppError } from '../../src/core/errors';
import type { CellValue } from '../../src/core/tab/spec';
import type { AppContext } from '../../src/ports';
import type { FakeGas } from '../gas/fake-spreadsheet';
import type { LocalContext } from '../../src/local/context';

/** What a person can do to a tab, and what the tab holds, on one kind of workbook. */
export interface Driver {
  ctx: AppContext;
  values(tab: string): CellValue[][];
  notes(tab: string): string[][];
  hiddenTabs(): string[];
  isRowHidden(tab: string, row: number): boolean;
  setCell(tab: string, row: number, col: number, text: string): void;
  setNote(tab: string, row: number, col: number, text: string): void;
  insertColumn(tab: string, at: number): void;
  insertRow(tab: string, at: number): void;
  hideRow(tab: string, row: number): void;
}

export function memoryDriver(ctx: LocalContext): Driver {
  const wb = ctx.workbook;
  return {
    ctx,
    values: (tab) => wb.readTabContent(tab).values,
    notes: (tab) => wb.readTabContent(tab).notes,
    hiddenTabs: () =>
      wb
        .listTabs()
        .filter((t) => t.hidden)
        .map((t) => t.name),
    isRowHidden: (tab, row) => (wb.tab(tab).spec.hiddenRows ?? []).includes(row),
    setCell: (tab, row, col, text) => wb.setCell(tab, row, col, text),
    setNote: (tab, row, col, text) => wb.setNote(tab, row, col, text),
    insertColumn: (tab, at) => wb.insertColumns(tab, at),
    insertRow: (tab, at) => wb.insertRows(tab, at),
    hideRow: (tab, row) => wb.hideRows(tab, row),
  };
}

/** The Apps Script adapter over the fake; a person's edits go straight to the fake's sheets. */
export function gasDriver(fake: FakeGas, ctx: AppContext): Driver {
  const sheet = (tab: string) => fake.inspect(tab);
  const grow = (tab: string, row: number, col: number) => {
    const s = sheet(tab);
    if (s.getMaxRows() < row + 1) s.insertRowsAfter(s.getMaxRows(), row + 1 - s.getMaxRows());
    if (s.getMaxColumns() < col + 1) s.insertColumnsAfter(s.getMaxColumns(), col + 1 - s.getMaxColumns());
  };
  return {
    ctx,
    values: (tab) => ctx.workbook.readTabContent(tab).values,
    notes: (tab) => ctx.workbook.readTabContent(tab).notes,
    hiddenTabs: () => fake.book.sheets.filter((s) => s.isSheetHidden()).map((s) => s.getName()),
    isRowHidden: (tab, row) => sheet(tab).isRowHiddenByUser(row + 1),
    setCell: (tab, row, col, text) => {
      grow(tab, row, col);
      sheet(tab)
        .getRange(row + 1, col + 1)
        .setValue(text);
    },
    setNote: (tab, row, col, text) => {
      grow(tab, row, col);
      sheet(tab)
        .getRange(row + 1, col + 1)
        .setNote(text);
    },
    insertColumn: (tab, at) => {
      sheet(tab).insertColumnsBefore(at + 1, 1);
    },
    insertRow: (tab, at) => {
      sheet(tab).insertRowsBefore(at + 1, 1);
    },
    hideRow: (tab, row) => sheet(tab).hideRows(row + 1),
  };
}

/** One thing a person put on the tab. */
export interface Token {
  text: string;
  kind: 'value' | 'note';
  /** The row's identity: the value of its key column, or '#header' for the header row. For grid tabs: the row index. */
  row: string;
  /** The column's header (for a table), or '' when the column has none (a cell beside everything). */
  column: string;
}

/** Where a token is in a tab now: its row identity and column header. */
export interface Place {
  row: string;
  column: string;
  at: { row: number; col: number };
}

export interface Layout {
  /** The row identity of a row of the tab as it is now. */
  rowKey(values: CellValue[][], row: number): string;
  /** The header text of a column, '' when none. */
  columnKey(values: CellValue[][], col: number): string;
}

/** Every place a token is found in a tab (values and notes). */
export function findToken(driver: Driver, tab: string, token: Token, layout: Layout): Place[] {
  const values = driver.values(tab);
  const grid = token.kind === 'value' ? values.map((line) => line.map((cell) => (cell === null ? '' : String(cell)))) : driver.notes(tab);
  const places: Place[] = [];
  grid.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell && cell.includes(token.text)) places.push({ row: layout.rowKey(values, r), column: layout.columnKey(values, c), at: { row: r, col: c } });
    }),
  );
  return places;
}

/**
 * Checks every token after the feature ran again: in the tab, in its own row and column; else in a
 * hidden old version, where it was before. Returns the tokens that went to an old version.
 */
export function expectTokensKept(driver: Driver, tab: string, tokens: Token[], before: Map<string, Place>, layout: Layout): Token[] {
  const moved: Token[] = [];
  for (const token of tokens) {
    const places = findToken(driver, tab, token, layout);
    const home = places.find((p) => p.row === token.row && (token.column === '' || p.column === token.column));
    if (home) continue;
    const was = before.get(token.text);
    const inOld = driver.hiddenTabs().some((old) => {
      const grid = token.kind === 'value' ? driver.values(old).map((line) => line.map((cell) => (cell === null ? '' : String(cell)))) : driver.notes(old);
      return was !== undefined && (grid[was.at.row]?.[was.at.col] ?? '').includes(token.text);
    });
    if (!inOld)
      throw new Error(
        `"${token.text}" (${token.kind} in row ${token.row}, column "${token.column}") is neither in its row nor in an old version; found at ${JSON.stringify(places)}`,
      );
    moved.push(token);
  }
  return moved;
}

/**
 * Where each token is right before the feature runs again. A token a later edit of the person's own
 * wrote over (the same cell typed twice) is dropped from `tokens`: it was never there to keep.
 */
export function placesNow(driver: Driver, tab: string, tokens: Token[], layout: Layout): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const token of [...tokens]) {
    const [first] = findToken(driver, tab, token, layout);
    if (first) places.set(token.text, first);
    else tokens.splice(tokens.indexOf(token), 1);
  }
  return places;
}

/** Edits a person makes to a row tab, drawn at random. */
export type RowEdit =
  | { kind: 'column'; at: number; rows: number[] }
  | { kind: 'note'; row: number; col: number }
  | { kind: 'beside'; row: number; offset: number }
  | { kind: 'text'; row: number; column: number }
  | { kind: 'handRow'; at: number }
  | { kind: 'hide'; row: number };

export function rowEdits(maxRow: number, maxCol: number, textColumns: number): fc.Arbitrary<RowEdit[]> {
  const row = fc.integer({ min: 1, max: maxRow });
  return fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('column' as const), at: fc.integer({ min: 1, max: maxCol }), rows: fc.array(row, { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('note' as const), row: fc.integer({ min: 0, max: maxRow }), col: fc.integer({ min: 0, max: maxCol + 2 }) }),
      fc.record({ kind: fc.constant('beside' as const), row, offset: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('text' as const), row, column: fc.integer({ min: 0, max: Math.max(0, textColumns - 1) }) }),
      fc.record({ kind: fc.constant('handRow' as const), at: row }),
      fc.record({ kind: fc.constant('hide' as const), row }),
    ),
    { minLength: 1, maxLength: 8 },
  );
}

/** The SOP tab: rows known by their ID (a hand-added row by its item), columns by their header. */
export const SOP_LAYOUT: Layout = {
  rowKey(values, row) {
    if (row === 0) return '#header';
    const header = values[0] ?? [];
    const id = values[row]?.[header.indexOf('ID')];
    if (id !== null && id !== undefined && id !== '') return String(id);
    const item = values[row]?.[header.indexOf('事项')];
    return item ? String(item) : `#row${row}`;
  },
  columnKey(values, col) {
    const text = values[0]?.[col];
    const header = text === null || text === undefined ? '' : String(text);
    return SOP_HEADERS.has(header) || header.startsWith('列#') ? header : '';
  },
};

const SOP_HEADERS = new Set([
  'ID',
  '日期',
  '星期',
  '时间',
  '阶段',
  '渠道',
  '事项',
  '具体事项',
  '话术',
  '素材',
  '执行人',
  '状态',
  '完成截图/链接',
  '备注',
  '节日/节气',
  '系统分配',
  '文字校验',
]);

/**
 * A person's edits to an SOP tab, each leaving a unique token; returns the tokens and the rows hidden
 * (by identity). Columns are inserted first, so cells beside the table keep their column.
 */
export function editSopTab(driver: Driver, tab: string, edits: RowEdit[]): { tokens: Token[]; hidden: string[] } {
  const tokens: Token[] = [];
  const hidden: string[] = [];
  const ordered = [...edits.filter((e) => e.kind === 'column'), ...edits.filter((e) => e.kind !== 'column')];
  let n = 0;
  const header = () => driver.values(tab)[0] ?? [];
  const dataRows = () => driver.values(tab).findIndex((line, r) => r > 0 && line.every((cell) => cell === null || cell === '')) - 1;
  const key = (row: number) => SOP_LAYOUT.rowKey(driver.values(tab), row);
  for (const edit of ordered) {
    const k = n++;
    const last = Math.max(1, dataRows() < 1 ? driver.values(tab).length - 1 : dataRows());
    const clampRow = (row: number) => Math.min(row, last);
    switch (edit.kind) {
      case 'column': {
        const at = Math.min(edit.at, header().indexOf('文字校验'));
        driver.insertColumn(tab, at);
        driver.setCell(tab, 0, at, `列#${k}`);
        tokens.push({ text: `列#${k}`, kind: 'value', row: '#header', column: `列#${k}` });
        edit.rows.forEach((row, i) => {
          const r = clampRow(row);
          driver.setCell(tab, r, at, `值#${k}.${i}`);
          tokens.push({ text: `值#${k}.${i}`, kind: 'value', row: key(r), column: `列#${k}` });
        });
        break;
      }
      case 'note': {
        const r = edit.row === 0 ? 0 : clampRow(edit.row);
        const c = Math.min(edit.col, header().indexOf('文字校验') + 2);
        driver.setNote(tab, r, c, `批注#${k}`);
        tokens.push({ text: `批注#${k}`, kind: 'note', row: key(r), column: SOP_LAYOUT.columnKey(driver.values(tab), c) });
        break;
      }
      case 'beside': {
        const r = clampRow(edit.row);
        driver.setCell(tab, r, 45 + edit.offset, `旁#${k}`);
        tokens.push({ text: `旁#${k}`, kind: 'value', row: key(r), column: '' });
        break;
      }
      case 'text': {
        const r = clampRow(edit.row);
        const column = ['事项', '话术'][edit.column] ?? '话术';
        const id = driver.values(tab)[r]?.[header().indexOf('ID')];
        if (!id) break;
        driver.setCell(tab, r, header().indexOf(column), `改#${k}`);
        tokens.push({ text: `改#${k}`, kind: 'value', row: String(id), column });
        break;
      }
      case 'handRow': {
        const at = clampRow(edit.at);
        driver.insertRow(tab, at);
        driver.setCell(tab, at, header().indexOf('事项'), `手#${k}`);
        tokens.push({ text: `手#${k}`, kind: 'value', row: `手#${k}`, column: '事项' });
        break;
      }
      case 'hide': {
        const r = clampRow(edit.row);
        driver.hideRow(tab, r);
        hidden.push(key(r));
        break;
      }
    }
  }
  return { tokens, hidden };
}

/** A grid tab: cells are where they are (rows are not moved), so a token's place is its row and column. */
export const GRID_LAYOUT: Layout = {
  rowKey: (_values, row) => String(row),
  columnKey: (_values, col) => String(col),
};

/** A note or a value a person puts somewhere on or around a grid tab. */
export interface GridEdit {
  kind: 'note' | 'value';
  row: number;
  col: number;
}

export function gridEdits(maxRow: number, maxCol: number): fc.Arbitrary<GridEdit[]> {
  return fc.array(
    fc.record({ kind: fc.constantFrom<'note' | 'value'>('note', 'value'), row: fc.integer({ min: 0, max: maxRow }), col: fc.integer({ min: 0, max: maxCol }) }),
    {
      minLength: 1,
      maxLength: 10,
    },
  );
}

/** Applies grid edits, skipping the columns `skip` says a person cannot see (the add-on's hidden bookkeeping). */
export function editGridTab(driver: Driver, tab: string, edits: GridEdit[], skip: (col: number) => boolean = () => false): Token[] {
  const tokens: Token[] = [];
  edits.forEach((edit, k) => {
    if (skip(edit.col)) return;
    const text = `${edit.kind === 'note' ? '注' : '写'}#${k}`;
    if (edit.kind === 'note') driver.setNote(tab, edit.row, edit.col, text);
    else driver.setCell(tab, edit.row, edit.col, text);
    tokens.push({ text, kind: edit.kind, row: String(edit.row), column: String(edit.col) });
  });
  return tokens;
}

/** The demo workbook's pasted tabs (活动列表, 推进表, 群数据) and team, put on the fake as a person would paste them. */
export function seedDemo(fake: FakeGas, demo: LocalContext): void {
  for (const tab of demo.workbook.listTabs()) {
    if (tab.marker !== null) continue;
    const values = demo.workbook.readTab(tab.name).map((line) => line.map((cell) => (typeof cell === 'boolean' ? String(cell) : cell)));
    fake.seedSheet(tab.name, values);
  }
}

/** The Team tab: rows known by the person's name, columns by their header. */
export const TEAM_LAYOUT: Layout = {
  rowKey: (values, row) => (row === 0 ? '#header' : String(values[row]?.[0] ?? `#row${row}`)),
  columnKey: (values, col) => String(values[0]?.[col] ?? ''),
};

/** The SOP tab the stories generate, and the team behind it. */
export const SOP_TAB = 'SOP·Java引流5群·第12期';
export const STORY_TEAM = [
  { name: '林晓', role: 'operator' as const },
  { name: '陈默', role: 'advisor' as const },
  { name: '赵老师', role: 'lecturer' as const },
  { name: '李班', role: 'headTeacher' as const },
  { name: '吴助', role: 'assistant' as const },
];

/**
 * The SOP story as a property: a fresh workbook from `open` (with the team saved), an SOP tab, any mix
 * of a person's edits, then the tab regenerated with a moved anchor and the calendar column switched
 * on or off. Every token is in its row and column, or in the old version; hidden rows stay hidden.
 */
export function sopKeepsEveryEdit(open: () => Driver): fc.IPropertyWithHooks<[RowEdit[], number, boolean, boolean]> {
  return fc.property(rowEdits(20, 14, 2), fc.integer({ min: -9, max: 9 }), fc.boolean(), fc.boolean(), (edits, shift, calendarBefore, calendarAfter) => {
    const driver = open();
    const request = { template: 'conversion-7d', anchor: '2026-12-14', groups: 'Java引流5群', cohort: '第12期', markCalendar: calendarBefore };
    generateSopTabs(driver.ctx, request);
    const { tokens, hidden } = editSopTab(driver, SOP_TAB, edits);
    const before = placesNow(driver, SOP_TAB, tokens, SOP_LAYOUT);

    const result = generateSopTabs(driver.ctx, { ...request, anchor: toIso(addDays(fromIso('2026-12-14') as DaySerial, shift)), markCalendar: calendarAfter });
    expect(result.tabs[0].line).toMatch(/ · 0 项丢失$/);
    const moved = expectTokensKept(driver, SOP_TAB, tokens, before, SOP_LAYOUT);
    if (moved.length) expect(result.tabs[0].line).toContain('放不下的内容在隐藏的旧版');
    const values = driver.values(SOP_TAB);
    for (const key of hidden) {
      const row = values.findIndex((_, r) => SOP_LAYOUT.rowKey(values, r) === key);
      expect(driver.isRowHidden(SOP_TAB, row)).toBe(true);
    }
  });
}

/** A grid tab's story: what it is, how to run the feature again, and columns a person cannot see. */
export interface GridStory {
  tab: string;
  again: () => string;
  skip?: (col: number) => boolean;
}

/**
 * The grid story as a property: notes and values anywhere on and around the tab, then the feature run
 * again; every token is where it was, or in the old version (and the message says so). A run refused
 * because someone typed over the add-on's own header writes nothing.
 */
export function gridKeepsEveryEdit(
  open: () => { driver: Driver; story: GridStory },
  maxRow: number,
  maxCol: number,
  layout: Layout = GRID_LAYOUT,
): fc.IPropertyWithHooks<[GridEdit[]]> {
  return fc.property(gridEdits(maxRow, maxCol), (edits) => {
    const { driver, story } = open();
    const tokens = editGridTab(driver, story.tab, edits, story.skip).map((token) => {
      const [row, col] = [Number(token.row), Number(token.column)];
      return { ...token, row: layout.rowKey(driver.values(story.tab), row), column: layout.columnKey(driver.values(story.tab), col) };
    });
    const before = placesNow(driver, story.tab, tokens, layout);
    let message: string;
    try {
      message = story.again();
    } catch (error) {
      if (!isAppError(error)) throw error;
      for (const token of tokens) expect(findToken(driver, story.tab, token, layout)[0]?.at).toEqual(before.get(token.text)?.at);
      return;
    }
    const moved = expectTokensKept(driver, story.tab, tokens, before, layout);
    if (moved.length) expect(message).toContain('旧版');
    else expect(driver.hiddenTabs()).toEqual([]);
  });
}

/**
 * The Team story as a property: a 电话 column and notes on the Team tab (whose team `open` saved as
 * STORY_TEAM), then the team saved again with some people gone and the rest reordered. Every token is
 * with its person, or — for people who left — in the old version.
 */
export function teamKeepsEveryEdit(open: () => Driver): fc.IPropertyWithHooks<[Array<{ row: number; col: number; note: boolean }>, typeof STORY_TEAM]> {
  return fc.property(
    fc.array(fc.record({ row: fc.integer({ min: 1, max: STORY_TEAM.length }), col: fc.integer({ min: 0, max: 5 }), note: fc.boolean() }), { maxLength: 8 }),
    fc.shuffledSubarray([...STORY_TEAM], { minLength: 1 }),
    (edits, kept) => {
      const driver = open();
      driver.insertColumn('团队', 2);
      driver.setCell('团队', 0, 2, '电话');
      const tokens: Token[] = [{ text: '电话', kind: 'value', row: '#header', column: '电话' }];
      edits.forEach((edit, k) => {
        const values = driver.values('团队');
        const text = `${edit.note ? '注' : '号'}#${k}`;
        if (edit.note) driver.setNote('团队', edit.row, edit.col, text);
        else driver.setCell('团队', edit.row, 2, text);
        tokens.push({
          text,
          kind: edit.note ? 'note' : 'value',
          row: TEAM_LAYOUT.rowKey(values, edit.row),
          column: edit.note ? TEAM_LAYOUT.columnKey(values, edit.col) : '电话',
        });
      });
      const before = placesNow(driver, '团队', tokens, TEAM_LAYOUT);
      const result = saveTeam(driver.ctx, kept);
      const moved = expectTokensKept(driver, '团队', tokens, before, TEAM_LAYOUT);
      for (const token of moved) expect(kept.map((p) => p.name)).not.toContain(token.row);
      if (moved.length) expect(result.message).toContain('旧版');
    },
  );
}

/**
 * A Gantt tab: task rows known by their task (the 事项 column); a row a person filled in among them
 * (or in the blank row under the last task) by the task above it, since such a row travels with that
 * task; the rows below the table, and columns, by their place (the story keeps the number of tasks).
 */
export const GANTT_LAYOUT: Layout = {
  rowKey(values, row) {
    const headerRow = 3;
    const taskCol = (values[headerRow] ?? []).indexOf('事项');
    if (row <= headerRow) return String(row);
    const footer = values.findIndex((line, r) => r > headerRow && line[0] === '负责人与工作量');
    if (footer < 0) return String(row);
    const blank = (r: number) => (values[r] ?? []).every((cell) => cell === null || cell === '');
    // The table ends at the workload block, less the blank row the add-on leaves above it.
    const end = blank(footer - 1) ? footer - 1 : footer;
    if (row >= end) return String(row);
    if (values[row]?.[taskCol]) return `task:${String(values[row][taskCol])}`;
    let above = row - 1;
    while (above > headerRow && !values[above]?.[taskCol]) above--;
    return above > headerRow ? `after:${String(values[above][taskCol])}+${row - above}` : String(row);
  },
  columnKey: (_values, col) => String(col),
};
