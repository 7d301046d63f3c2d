/**
 * A block of the add-on's that starts with a blank row (the Gantt's row between its tasks and its
 * workload block): it is found again by its first row that is not blank, its blank row is the
 * add-on's only while nobody typed in it, and a cell of a person's that would land on it keeps its
 * place, the block then starting below it.
 */
import type { TabContent } from '../../../src/core/tab/content';
import { fingerprint, locateOldBlocks, planLayers } from '../../../src/core/tab/layers';
import type { MarkerMemo } from '../../../src/core/tab/marker';
import { cellValue, range, type Cell, type CellValue, type RangeRef, type TabSpec } from '../../../src/core/tab/spec';

/** A title block (rows 0–1), a blank row of nobody's, then a block led by a blank row (rows 3–5). */
const HEAD = range(0, 0, 2, 2);
const FOOT = range(3, 0, 3, 2);
/**
 * The block without its blank row: what is cleared and styled (the add-on writes only blanks on the
 * blank row, and a colour someone gave the row stays).
 */
const FOOT_BODY = range(4, 0, 2, 2);

function specOf(blocks: RangeRef[] = [HEAD, FOOT]): TabSpec {
  const rows: Cell[][] = [['标题', '说明'], ['列一', '列二'], [], [], ['合计', 7], ['平均', 3.5]];
  return {
    name: '表',
    marker: { kind: 'calendar', key: { months: '2026-12' } },
    columns: [{ key: 'a' }, { key: 'b' }],
    rows,
    headerRows: 2,
    styles: [{ range: range(4, 0, 1, 2), style: { bold: true } }],
    blocks,
  };
}

function memoOf(spec: TabSpec): MarkerMemo {
  return planLayers({ spec, blocks: spec.blocks ?? [] }, null, undefined, '').memo;
}

/** The tab as written, with rows inserted (or deleted) at `at` and cells and notes set after. */
function contentOf(
  spec: TabSpec,
  edit: { insertAt?: number; insert?: number; deleteAt?: number; cells?: Array<[number, number, CellValue]>; notes?: Array<[number, number, string]> } = {},
): TabContent {
  let values: CellValue[][] = spec.rows.map((line) => [0, 1].map((c) => cellValue(line[c]) ?? null));
  if (edit.insert) values.splice(edit.insertAt ?? 0, 0, ...Array.from({ length: edit.insert }, () => [null, null]));
  if (edit.deleteAt !== undefined) values.splice(edit.deleteAt, 1);
  values = values.map((line) => [...line, null, null, null]);
  for (const [r, c, value] of edit.cells ?? []) {
    while (values.length <= r) values.push([null, null, null, null, null]);
    values[r][c] = value;
  }
  const notes = values.map((line) => line.map(() => ''));
  for (const [r, c, text] of edit.notes ?? []) notes[r][c] = text;
  return { values, formulas: [], notes };
}

describe('a block led by a blank row', () => {
  const spec = specOf();
  const memo = memoOf(spec);

  test('its memo keeps the blank row as the block’s first row', () => {
    expect(memo.blocks).toEqual([
      [0, 0, 2, 2],
      [3, 0, 3, 2],
    ]);
  });

  test('is found where it was', () => {
    expect(locateOldBlocks(contentOf(spec), memo)).toMatchObject({ ranges: [HEAD, FOOT_BODY], editedRows: [] });
  });

  test('is found by its first row that is not blank after rows were inserted above it, not at another blank row', () => {
    // Rows 2–4 are blank now: the block's blank row is the one just above 合计, not the first blank one.
    const located = locateOldBlocks(contentOf(spec, { insertAt: 3, insert: 2 }), memo);
    expect(located.ranges).toEqual([HEAD, range(6, 0, 2, 2)]);
    expect(located.editedRows).toEqual([]);
  });

  test('is found after a row above it was deleted', () => {
    const located = locateOldBlocks(contentOf(spec, { deleteAt: 2 }), memo);
    expect(located.ranges).toEqual([HEAD, range(3, 0, 2, 2)]);
    expect(located.editedRows).toEqual([]);
  });

  test('gives up its blank row to a person who typed in it, without calling it an edit of the block', () => {
    const located = locateOldBlocks(contentOf(spec, { cells: [[3, 1, '我的备注']] }), memo);
    expect(located.ranges).toEqual([HEAD, range(4, 0, 2, 2)]);
    expect(located.editedRows).toEqual([]);
  });

  test('a value typed in it keeps its place: the block is written from the row below, and remembered so', () => {
    const content = contentOf(spec, { cells: [[3, 1, '我的备注']] });
    const plan = planLayers({ spec, blocks: spec.blocks ?? [] }, content, memo, '表 · 旧版');
    expect(plan.update?.oldVersion).toBeNull();
    expect(plan.stats).toMatchObject({ userCellsKept: 1, movedToOldVersion: 0, editedBlockCells: 0, lost: 0 });
    expect(plan.update?.writes.map((w) => w.range)).toEqual([HEAD, range(4, 0, 2, 2)]);
    expect(plan.spec.blocks).toEqual([HEAD, range(4, 0, 2, 2)]);
    expect(plan.memo.blocks).toEqual([
      [0, 0, 2, 2],
      [4, 0, 2, 2],
    ]);
    // Regenerating again, the value still there: the same.
    const again = planLayers({ spec, blocks: spec.blocks ?? [] }, content, plan.memo, '表 · 旧版');
    expect(again.update?.oldVersion).toBeNull();
    expect(again.update?.writes.map((w) => w.range)).toEqual([HEAD, range(4, 0, 2, 2)]);
    expect(again.stats).toMatchObject({ userCellsKept: 1, movedToOldVersion: 0, lost: 0 });
  });

  test('a note on it stays on its cell, and the block keeps its blank row', () => {
    const content = contentOf(spec, { notes: [[3, 0, '这里以后加一行']] });
    const plan = planLayers({ spec, blocks: spec.blocks ?? [] }, content, memo, '表 · 旧版');
    expect(plan.update?.oldVersion).toBeNull();
    expect(plan.update?.writes.map((w) => w.range)).toEqual([HEAD, range(3, 0, 1, 2), FOOT_BODY]);
    expect(plan.spec.notes).toContainEqual({ row: 3, col: 0, text: '这里以后加一行' });
    expect(plan.stats).toMatchObject({ userCellsKept: 1, movedToOldVersion: 0, lost: 0 });
  });

  test('a value beside it, outside the block’s columns, leaves the block whole', () => {
    const plan = planLayers({ spec, blocks: spec.blocks ?? [] }, contentOf(spec, { cells: [[3, 3, '旁边']] }), memo, '表 · 旧版');
    expect(plan.update?.writes.map((w) => w.range)).toEqual([HEAD, range(3, 0, 1, 2), FOOT_BODY]);
    expect(plan.stats).toMatchObject({ userCellsKept: 1, movedToOldVersion: 0, lost: 0 });
  });

  test('a tab written when the blank row was nobody’s (its memo without it) takes the new block, and a value there stays', () => {
    const before = memoOf(specOf([HEAD, range(4, 0, 2, 2)]));
    const plain = planLayers({ spec, blocks: spec.blocks ?? [] }, contentOf(spec), before, '表 · 旧版');
    expect(plain.update?.clear).toEqual([HEAD, range(4, 0, 2, 2)]);
    expect(plain.update?.writes.map((w) => w.range)).toEqual([HEAD, range(3, 0, 1, 2), FOOT_BODY]);
    expect(plain.memo.blocks).toEqual([
      [0, 0, 2, 2],
      [3, 0, 3, 2],
    ]);
    const typed = planLayers({ spec, blocks: spec.blocks ?? [] }, contentOf(spec, { cells: [[3, 0, '我的']], notes: [[3, 1, '注']] }), before, '表 · 旧版');
    expect(typed.update?.oldVersion).toBeNull();
    expect(typed.update?.writes.map((w) => w.range)).toEqual([HEAD, range(4, 0, 2, 2)]);
    expect(typed.stats).toMatchObject({ userCellsKept: 2, movedToOldVersion: 0, editedBlockCells: 0, lost: 0 });
  });

  test('a block that is all blank stays where it was', () => {
    const blankSpec: TabSpec = { ...specOf([HEAD, range(2, 0, 2, 2)]) };
    const blankMemo = memoOf(blankSpec);
    const located = locateOldBlocks(contentOf(blankSpec, { insertAt: 0, insert: 1 }), blankMemo);
    // The title block moved down a row; the blank one is taken where it was, as far as it is still blank.
    expect(located.ranges).toEqual([range(1, 0, 2, 2), range(3, 0, 1, 2)]);
    expect(located.editedRows).toEqual([]);
  });
});

describe('a note saying when the tab was generated', () => {
  const at = (time: string): TabSpec => ({ ...specOf(), notes: [{ row: 0, col: 0, text: `由社群SOP助手生成。生成时间 ${time}。` }] });

  test('is the same note a minute later: the memo does not change, so the marker is not rewritten', () => {
    expect(memoOf(at('2026-12-03 09:02'))).toEqual(memoOf(at('2026-12-03 09:01')));
    // Any other change of the note is one.
    expect(memoOf({ ...at('2026-12-03 09:01'), notes: [{ row: 0, col: 0, text: '由社群SOP助手生成。' }] })).not.toEqual(memoOf(at('2026-12-03 09:01')));
  });

  test('is the add-on’s on the tab, also under a memo that took it with its time (earlier versions), and is replaced; one a person rewrote is theirs', () => {
    const written = at('2026-12-03 09:01');
    const content = contentOf(written, { notes: [[0, 0, written.notes![0].text]] });
    // What earlier versions remembered: the fingerprint of the whole text, time included.
    const earlier: MarkerMemo = { ...memoOf(written), notes: [[0, 0, 0, fingerprint(written.notes![0].text)]] };
    for (const memo of [memoOf(written), earlier]) expect(locateOldBlocks(content, memo).notes).toEqual([{ row: 0, col: 0 }]);
    const rewritten = contentOf(written, { notes: [[0, 0, '开营前一天再核对一次链接']] });
    expect(locateOldBlocks(rewritten, memoOf(written)).notes).toEqual([]);
  });
});
