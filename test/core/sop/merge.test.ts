import * as fc from 'fast-check';
import { fromIso, type DaySerial } from '../../../src/core/dates';
import { isAppError } from '../../../src/core/errors';
import type { Lang } from '../../../src/core/i18n';
import { cellValue, isFormulaCell, type CellValue, type FormulaCell } from '../../../src/core/tab/spec';
import type { Person, Role } from '../../../src/core/team/team';
import { generateSop, type SopRow } from '../../../src/core/sop/generate';
import { mergeSop, mergeSummaryLine, readSopTab, type MergeOptions } from '../../../src/core/sop/merge';
import { locateOldBlocks, planLayers } from '../../../src/core/tab/layers';
import type { MarkerMemo } from '../../../src/core/tab/marker';
import { parseStatus } from '../../../src/core/sop/status';
import { buildSopTab } from '../../../src/core/sop/tab';
import type { SopTemplate } from '../../../src/core/sop/template';
import { builtInTemplate } from '../../../src/core/sop/templates';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;
const person = (name: string, role: Role): Person => ({ name, role, email: '', color: '#4e79a7' });
const TEAM: Person[] = [
  person('林晓', 'operator'),
  person('陈默', 'advisor'),
  person('赵老师', 'lecturer'),
  person('李班', 'headTeacher'),
  person('吴助', 'assistant'),
  person('孙悦', 'designer'),
];
const GROUP = 'Java引流5群';
const COHORT = '第12期';
const ANCHOR = day('2026-12-14');

function fresh(template: SopTemplate, anchor: DaySerial, lang: Lang, team: Person[] = TEAM): SopRow[] {
  return generateSop({ template, anchor, group: GROUP, cohort: COHORT, team, lang, markCalendar: false }).rows;
}

/** The tab as Workbook.readTab returns it: formulas replaced by their values, rows padded. */
function tabGrid(rows: SopRow[], template: SopTemplate, lang: Lang, markCalendar = false): CellValue[][] {
  const spec = buildSopTab({
    rows,
    group: GROUP,
    cohort: COHORT,
    template,
    anchor: ANCHOR,
    lang,
    teamTabName: '团队',
    markCalendar,
    today: day('2026-12-20'),
    generatedAt: '2026-12-01 09:30',
  });
  const width = Math.max(...spec.rows.map((r) => r.length));
  const grid = spec.rows.map((r) => Array.from({ length: width }, (_, c) => cellValue(r[c])));
  summaries.set(grid, planLayers({ spec, blocks: spec.blocks ?? [] }, null, undefined, '').memo);
  formulas.set(
    grid,
    spec.rows.map((r) => Array.from({ length: width }, (_, c) => (isFormulaCell(r[c]) ? (r[c] as FormulaCell).formula : ''))),
  );
  const noteGrid: string[][] = spec.rows.map(() => []);
  for (const note of spec.notes ?? []) noteGrid[note.row][note.col] = note.text;
  notes.set(grid, noteGrid);
  return grid;
}

/** The formulas and notes of each grid's cells, kept in step with the rows inserted into it. */
const formulas = new WeakMap<CellValue[][], string[][]>();
const notes = new WeakMap<CellValue[][], string[][]>();

/** Inserts whole rows into a grid as a person does in a spreadsheet (the summary beside the table moves down too). */
function insertRows(grid: CellValue[][], at: number, ...lines: CellValue[][]): void {
  grid.splice(at, 0, ...lines);
  formulas.get(grid)?.splice(at, 0, ...lines.map(() => []));
  notes.get(grid)?.splice(at, 0, ...lines.map(() => []));
}

/** What the add-on remembers of each grid's summary block (found again however rows were inserted). */
const summaries = new WeakMap<CellValue[][], MarkerMemo>();

/** mergeSop over a grid as readTab gives it (no notes, no formulas). */
function mergeGrid(grid: CellValue[][], rows: SopRow[], lang: Lang, options?: MergeOptions) {
  const content = { values: grid, formulas: formulas.get(grid) ?? [], notes: notes.get(grid) ?? [] };
  return mergeSop(readSopTab(content, locateOldBlocks(content, summaries.get(grid)).ranges), rows, lang, options);
}

const header = (grid: CellValue[][]) => grid[0].map((c) => String(c ?? ''));
function setCell(grid: CellValue[][], id: string, column: string, value: CellValue): void {
  const c = header(grid).indexOf(column);
  const row = grid.find((r) => r[0] === id);
  if (!row || c < 0) throw new Error(`no ${column} for ${id}`);
  row[c] = value;
}
const byId = (rows: SopRow[], id: string) => rows.find((r) => r.id === id) as SopRow;

/** A template without some of its rows, as if someone had deleted them. */
function without(template: SopTemplate, keys: Set<string>): SopTemplate {
  return { ...template, rows: template.rows.filter((r) => !keys.has(r.rowKey)) };
}

describe('mergeSop', () => {
  const template = builtInTemplate('big-class-28d', 'zh-CN');
  const first = fresh(template, ANCHOR, 'zh-CN');

  test('regenerating after moving the anchor two days keeps typed statuses, proofs and notes, and moves the dates', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    const [a, b, c] = [first[0].id, first[5].id, first[12].id];
    setCell(grid, a, '状态', '已完成');
    setCell(grid, a, '完成截图/链接', 'https://example.com/shot-1.png');
    setCell(grid, b, '状态', '进行中');
    setCell(grid, c, '状态', '延期');
    setCell(grid, c, '备注', '讲师临时有事，改到周末');

    const moved = fresh(template, ANCHOR + 2, 'zh-CN');
    const { rows, stats } = mergeGrid(grid, moved, 'zh-CN');
    expect(byId(rows, a)).toMatchObject({ status: '已完成', proof: 'https://example.com/shot-1.png', date: (first[0].date as number) + 2 });
    expect(byId(rows, b).status).toBe('进行中');
    expect(byId(rows, c)).toMatchObject({ status: '延期', note: '讲师临时有事，改到周末' });
    for (const row of rows) expect(row.date).toBe((first.find((f) => f.id === row.id)?.date as number) + 2);
    expect(stats).toEqual({
      added: 0,
      redated: first.length,
      removedKept: 0,
      dropped: 0,
      kept: first.length,
      manual: 0,
      textsKept: 0,
      templateChanged: 0,
      textsReplaced: 0,
      datesKept: 0,
      datesReplaced: 0,
      lost: 0,
    });
  });

  test('the toast says what changed', () => {
    const stats = {
      added: 2,
      redated: 26,
      removedKept: 0,
      dropped: 0,
      kept: 26,
      manual: 0,
      textsKept: 0,
      templateChanged: 0,
      textsReplaced: 0,
      datesKept: 0,
      datesReplaced: 0,
      lost: 0,
    };
    expect(mergeSummaryLine(stats, 'en')).toBe('+2 rows · 26 re-dated · 0 lost');
    expect(mergeSummaryLine(stats, 'zh-CN')).toBe('+2 行 · 26 行改期 · 0 项丢失');
  });

  test('regenerating with nothing changed changes nothing and re-dates nothing', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    const { rows, stats } = mergeGrid(grid, fresh(template, ANCHOR, 'zh-CN'), 'zh-CN');
    // Each row now also says which row of the tab it continues and what the generator wrote.
    expect(rows.map(({ source, generatedTexts, editedTexts, ...row }) => row)).toEqual(first);
    expect(rows.map((row) => row.source)).toEqual(first.map((_, i) => i + 1));
    expect(rows.every((row) => Object.keys(row.editedTexts ?? {}).length === 0)).toBe(true);
    expect(stats).toMatchObject({ added: 0, redated: 0, kept: first.length, lost: 0 });
  });

  test('an owner picked by hand survives a team change; assigned owners follow the team', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    const operatorRows = first.filter((r) => r.role === 'operator');
    setCell(grid, operatorRows[0].id, '执行人', '外援小刘');
    const newTeam = TEAM.map((p) => (p.role === 'operator' ? person('周舟', 'operator') : p));
    const { rows, stats } = mergeGrid(grid, fresh(template, ANCHOR, 'zh-CN', newTeam), 'zh-CN');
    expect(byId(rows, operatorRows[0].id).owner).toBe('外援小刘');
    for (const row of operatorRows.slice(1)) expect(byId(rows, row.id).owner).toBe('周舟');
    expect(stats.lost).toBe(0);

    // And again after one more team change: the hand-picked owner still counts as hand-picked.
    const again = mergeGrid(tabGrid(rows, template, 'zh-CN'), fresh(template, ANCHOR, 'zh-CN', TEAM), 'zh-CN').rows;
    expect(byId(again, operatorRows[0].id).owner).toBe('外援小刘');
    expect(byId(again, operatorRows[1].id).owner).toBe('林晓');
  });

  test('a cleared owner stays cleared', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    setCell(grid, first[3].id, '执行人', null);
    expect(byId(mergeGrid(grid, first, 'zh-CN').rows, first[3].id).owner).toBe('');
  });

  test('without the auto-assigned column, an owner that differs from the new one is kept', () => {
    const grid = tabGrid(first, template, 'zh-CN').map((line) => line.slice(0, header(tabGrid(first, template, 'zh-CN')).indexOf('系统分配')));
    const operatorRows = first.filter((r) => r.role === 'operator');
    setCell(grid, operatorRows[0].id, '执行人', '外援小刘');
    const newTeam = TEAM.map((p) => (p.role === 'operator' ? person('周舟', 'operator') : p));
    const { rows, stats } = mergeGrid(grid, fresh(template, ANCHOR, 'zh-CN', newTeam), 'zh-CN');
    expect(byId(rows, operatorRows[0].id).owner).toBe('外援小刘');
    // Nothing tells an assigned 林晓 from a typed one here, so it is kept too: nothing typed is lost.
    expect(byId(rows, operatorRows[1].id).owner).toBe('林晓');
    expect(stats.lost).toBe(0);
  });

  test('rows whose template row disappeared: kept as 已移除 when something was typed, dropped when untouched', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    const [typed, noted, untouched] = [first[2], first[4], first[6]];
    setCell(grid, typed.id, '状态', '已完成');
    setCell(grid, noted.id, '备注', '物料已外包');
    const edited = without(template, new Set([typed.rowKey, noted.rowKey, untouched.rowKey]));
    const { rows, stats } = mergeGrid(grid, fresh(edited, ANCHOR, 'zh-CN'), 'zh-CN');
    expect(byId(rows, typed.id)).toMatchObject({ status: '已移除', note: '原状态：已完成；', origin: 'removed', item: typed.item });
    expect(byId(rows, noted.id)).toMatchObject({ status: '已移除', note: '物料已外包', origin: 'removed' });
    expect(byId(rows, untouched.id)).toBeUndefined();
    expect(stats).toMatchObject({ removedKept: 2, dropped: 1, kept: first.length - 3, added: 0, lost: 0 });

    // The kept rows are written back as they were, with their status and note updated.
    const regrid = tabGrid(rows, edited, 'zh-CN');
    const line = regrid.find((r) => r[0] === typed.id) as CellValue[];
    expect(line[header(regrid).indexOf('状态')]).toBe('已移除');
    expect(line[header(regrid).indexOf('日期')]).toBe(typed.date);
    // Regenerating again neither drops them nor stacks another "原状态".
    const twice = mergeGrid(regrid, fresh(edited, ANCHOR, 'zh-CN'), 'zh-CN');
    expect(byId(twice.rows, typed.id)).toMatchObject({ status: '已移除', note: '原状态：已完成；' });
    expect(twice.stats).toMatchObject({ removedKept: 2, dropped: 0, lost: 0 });

    // When the template row comes back, the row is work to do again; the note keeps the history.
    const back = mergeGrid(regrid, fresh(template, ANCHOR, 'zh-CN'), 'zh-CN');
    expect(byId(back.rows, typed.id)).toMatchObject({ status: '未开始', note: '原状态：已完成；', origin: 'template' });
    expect(back.stats).toMatchObject({ added: 1, lost: 0 });
  });

  test('new template rows are added', () => {
    const smaller = without(template, new Set([first[1].rowKey]));
    const grid = tabGrid(fresh(smaller, ANCHOR, 'zh-CN'), smaller, 'zh-CN');
    const { rows, stats } = mergeGrid(grid, first, 'zh-CN');
    expect(rows.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(stats).toMatchObject({ added: 1, kept: first.length - 1, redated: 0 });
  });

  test('rows added by hand stay after the row they followed, also when the dates move', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    const width = grid[0].length;
    const handRow = (item: string, id: CellValue = null): CellValue[] => {
      const line: CellValue[] = new Array(width).fill(null);
      line[0] = id;
      line[header(grid).indexOf('事项')] = item;
      line[header(grid).indexOf('状态')] = '进行中';
      line[header(grid).indexOf('日期')] = '待定';
      return line;
    };
    const afterThird = grid.findIndex((r) => r[0] === first[3].id) + 1;
    insertRows(grid, afterThird, handRow('加一场答疑'), handRow('给讲师买咖啡', 'X1'));
    insertRows(grid, 1, handRow('开营前总检查'));
    const { rows, stats } = mergeGrid(grid, fresh(template, ANCHOR + 5, 'zh-CN'), 'zh-CN');
    expect(rows[0]).toMatchObject({ item: '开营前总检查', origin: 'manual', status: '进行中', date: null });
    const at = rows.findIndex((r) => r.id === first[3].id);
    expect(rows[at + 1]).toMatchObject({ item: '加一场答疑', origin: 'manual' });
    expect(rows[at + 2]).toMatchObject({ item: '给讲师买咖啡', id: 'X1', origin: 'manual' });
    expect(stats).toMatchObject({ manual: 3, lost: 0 });
    // Their cells are written back verbatim, the text date included.
    const regrid = tabGrid(rows, template, 'zh-CN');
    expect(regrid[1][header(regrid).indexOf('日期')]).toBe('待定');
  });

  test('reads a tab written in the other language and translates the statuses', () => {
    const grid = tabGrid(first, template, 'zh-CN');
    setCell(grid, first[0].id, '状态', '已完成');
    setCell(grid, first[1].id, '状态', '等学员回复');
    const en = builtInTemplate('big-class-28d', 'en');
    const { rows, stats } = mergeGrid(grid, fresh(en, ANCHOR, 'en'), 'en');
    expect(byId(rows, first[0].id).status).toBe('Done');
    expect(byId(rows, first[1].id).status).toBe('等学员回复');
    expect(byId(rows, first[2].id).status).toBe('Not started');
    expect(stats.lost).toBe(0);
  });

  test('an empty tab gets every row; a grid that is not an SOP tab is refused', () => {
    expect(mergeGrid([], first, 'zh-CN').stats).toMatchObject({ added: first.length, kept: 0 });
    expect(mergeGrid([[null, ''], []], first, 'zh-CN').stats.added).toBe(first.length);
    expect.assertions(3);
    try {
      mergeGrid(
        [
          ['姓名', '角色'],
          ['林晓', '社群运营'],
        ],
        first,
        'zh-CN',
      );
    } catch (error) {
      expect(isAppError(error) && error.problems[0].code).toBe('sop.error.noSopHeader');
    }
  });

  describe('properties', () => {
    const zh = builtInTemplate('conversion-7d', 'zh-CN');
    const base = fresh(zh, ANCHOR, 'zh-CN');
    const word = fc.stringMatching(/^[a-z0-9\u4e00-\u4e2f]{1,6}$/);
    const statusText = fc.constantFrom('已完成', '进行中', '延期', '取消', 'Done', 'In progress', 'Delayed', '等回复', '未开始', 'Not started');
    const edit = fc.record(
      {
        status: fc.option(statusText, { nil: undefined }),
        proof: fc.option(
          word.map((w) => `https://x.cn/${w}`),
          { nil: undefined },
        ),
        note: fc.option(word, { nil: undefined }),
        owner: fc.option(fc.constantFrom('外援小刘', '周舟', '林晓', ''), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    const scenario = fc.record({
      edits: fc.array(fc.option(edit, { nil: undefined }), { minLength: base.length, maxLength: base.length }),
      shift: fc.integer({ min: -60, max: 60 }),
      removed: fc.subarray(base.map((r) => r.rowKey)),
      handRows: fc.array(fc.record({ at: fc.nat({ max: base.length }), item: word }), { maxLength: 4 }),
      swapTeam: fc.boolean(),
      lang: fc.constantFrom<Lang>('zh-CN', 'en'),
    });

    test('for any anchor move, template edit, team change and typed values, every typed value and every hand-made row survives', () => {
      fc.assert(
        fc.property(scenario, ({ edits, shift, removed, handRows, swapTeam, lang }) => {
          const grid = tabGrid(base, zh, 'zh-CN');
          const h = header(grid);
          const typed = new Map<string, { status?: string; proof?: string; note?: string; owner?: string }>();
          base.forEach((row, i) => {
            const e = edits[i];
            if (!e) return;
            const line = grid.find((r) => r[0] === row.id) as CellValue[];
            const record: { status?: string; proof?: string; note?: string; owner?: string } = {};
            if (e.status !== undefined) {
              line[h.indexOf('状态')] = e.status;
              if (!['todo'].includes(parseStatus(e.status) ?? '')) record.status = e.status;
            }
            if (e.proof !== undefined) line[h.indexOf('完成截图/链接')] = record.proof = e.proof;
            if (e.note !== undefined) line[h.indexOf('备注')] = record.note = e.note;
            if (e.owner !== undefined) {
              line[h.indexOf('执行人')] = e.owner;
              if (e.owner !== row.owner) record.owner = e.owner;
            }
            typed.set(row.id, record);
          });
          // Hand rows, inserted from the bottom up so earlier positions stay valid.
          const handItems: string[] = [];
          [...handRows]
            .sort((a, b) => b.at - a.at)
            .forEach((hand, k) => {
              const line: CellValue[] = new Array(grid[0].length).fill(null);
              const item = `手加${k}-${hand.item}`;
              line[h.indexOf('事项')] = item;
              insertRows(grid, hand.at + 1, line);
            });
          for (const line of grid.slice(1)) if (line[0] === null && line[h.indexOf('事项')]) handItems.push(String(line[h.indexOf('事项')]));

          const template = without(builtInTemplate('conversion-7d', lang), new Set(removed));
          const team = swapTeam ? TEAM.map((p) => (p.role === 'operator' ? person('新运营', 'operator') : p)) : TEAM;
          const next = fresh(template, ANCHOR + shift, lang, team);
          const { rows, stats } = mergeGrid(grid, next, lang);

          expect(stats.lost).toBe(0);
          for (const [id, record] of typed) {
            const row = rows.find((r) => r.id === id);
            const anything = Object.keys(record).length > 0;
            if (!row) {
              expect(removed).toContain(base.find((b) => b.id === id)?.rowKey);
              expect(anything).toBe(false);
              continue;
            }
            if (record.proof) expect(row.proof).toBe(record.proof);
            if (record.note) expect(row.note.endsWith(record.note)).toBe(true);
            if (record.owner !== undefined) expect(row.owner).toBe(record.owner);
            if (record.status) {
              const same = parseStatus(row.status) === parseStatus(record.status) && (parseStatus(record.status) !== null || row.status === record.status);
              expect(same || row.note.includes(record.status)).toBe(true);
            }
            if (row.origin === 'removed') expect(parseStatus(row.status)).toBe('removed');
          }
          // Hand rows: all there, once each (where they go is the next property's subject).
          const manual = rows.filter((r) => r.origin === 'manual').map((r) => r.item);
          expect([...manual].sort()).toEqual([...handItems].sort());
          // The other rows are sorted by date, then time.
          const scheduled = rows.filter((r) => r.origin !== 'manual');
          for (let i = 1; i < scheduled.length; i++) {
            const [a, b] = [scheduled[i - 1], scheduled[i]];
            expect((a.date as number) < (b.date as number) || (a.date === b.date && a.time <= b.time)).toBe(true);
          }
          // Every fresh row is there exactly once.
          for (const row of next) expect(rows.filter((r) => r.id === row.id)).toHaveLength(1);
          // Written and regenerated again with the same inputs, nothing moves and nothing is dropped.
          const again = mergeGrid(tabGrid(rows, template, lang), next, lang);
          const view = (list: SopRow[]) => list.map((r) => [r.id, r.origin, r.date, r.item, r.owner, r.status, r.proof, r.note]);
          expect(view(again.rows)).toEqual(view(rows));
          expect(again.stats).toMatchObject({ added: 0, redated: 0, dropped: 0, lost: 0 });
        }),
        // Each run merges a whole tab twice (about 40 ms); 75 runs cover the mix of edits, moves, removed
        // rows, hand rows and team changes, and every run checks every row of the tab.
        { numRuns: 75 },
      );
    });

    test('hand rows keep their neighbour: each follows the row it followed before', () => {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: base.length }), { minLength: 1, maxLength: 5 }), fc.integer({ min: -30, max: 30 }), (positions, shift) => {
          const grid = tabGrid(base, zh, 'zh-CN');
          const h = header(grid);
          const expectedPredecessor = new Map<string, string | null>();
          [...positions]
            .sort((a, b) => b - a)
            .forEach((at, k) => {
              const line: CellValue[] = new Array(grid[0].length).fill(null);
              line[h.indexOf('事项')] = `hand-${k}`;
              insertRows(grid, at + 1, line);
            });
          let last: string | null = null;
          for (const line of grid.slice(1)) {
            if (line[0]) last = String(line[0]);
            else expectedPredecessor.set(String(line[h.indexOf('事项')]), last);
          }
          const { rows } = mergeGrid(grid, fresh(zh, ANCHOR + shift, 'zh-CN'), 'zh-CN');
          rows.forEach((row, i) => {
            if (row.origin !== 'manual') return;
            let j = i - 1;
            while (j >= 0 && rows[j].origin === 'manual') j--;
            expect(j >= 0 ? rows[j].id : null).toBe(expectedPredecessor.get(row.item));
          });
        }),
        { numRuns: 100 },
      );
    });
  });
});
