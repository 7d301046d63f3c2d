/**
 * Reading a Today board back (on-board.ts): from the board's values and formulas alone, the sources it
 * follows — which tab, where its columns are, its rows as the mirror shows them, its links — are what
 * the board was built from.
 */
import fc from 'fast-check';
import { t } from '../../../src/core/i18n';
import { statusLabel } from '../../../src/core/sop/status';
import { cellValue, isFormulaCell, quoteTabName, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { followsStale, sourcesOnBoard, type BoardContent, type SourceOnBoard } from '../../../src/core/today/on-board';
import type { DueSourceGrid } from '../../../src/core/today/read';
import { board, boardSources, d, ganttGrid, hm, planSource, sopGrid, sopSource, type SopLine } from './fixtures';

const TODAY = d('2026-12-04');

/** What a spreadsheet gives back of a tab: values (formulas' results) and formulas. */
function contentOf(spec: TabSpec, rewrite: (formula: string) => string = (formula) => formula): BoardContent {
  return {
    values: spec.rows.map((row) => row.map((cell) => cellValue(cell ?? null))),
    formulas: spec.rows.map((row) => row.map((cell) => (isFormulaCell(cell) ? rewrite(cell.formula) : ''))),
  };
}

const aboutOf = (spec: TabSpec) => spec.marker.about;

/** The sources as the board was built from them, each with what it is (as sourcesOnBoard gives them). */
const expected = (sources: DueSourceGrid[]) =>
  boardSources(sources).map((source) => {
    const { source: kind, tab, group, cohort } = source.layout;
    return { ...source, tab: { source: kind, tab, group, cohort } };
  });

function sample(): DueSourceGrid[] {
  return [
    {
      tab: sopSource('SOP·Java5群·第12期', 'Java5群', '第12期'),
      grid: sopGrid([
        { date: d('2026-12-01'), time: hm('20:00'), item: '开营仪式', owner: '林晓', status: '已完成' },
        { date: d('2026-12-04'), time: '晚饭后', item: '催课', owner: '' },
        { date: null, item: '没有日期', owner: '王蕾' },
      ]),
    },
    {
      tab: sopSource("Tom's 群", "Tom's 群", ''),
      grid: sopGrid([{ date: d('2026-12-05'), item: 'Morning post', owner: 'Wang', status: 'Done' }], 'en'),
    },
    {
      tab: planSource('甘特图', '推进表'),
      grid: ganttGrid([
        { task: '海报设计', owner: '孙悦', end: d('2026-12-03'), progress: 0.3 },
        { task: '确定主题', owner: '林晓', end: d('2026-12-02'), progress: 1 },
      ]),
    },
  ];
}

describe('reading the sources back from the board', () => {
  test('tab, columns, rows and links are the ones the board was built from', () => {
    const sources = sample();
    const { spec } = board(sources, { today: TODAY });
    expect(sourcesOnBoard(contentOf(spec), aboutOf(spec))).toEqual(expected(sources));
  });

  test('also when the spreadsheet writes a plain name without quotes ("甘特图!$E:$E")', () => {
    const sources = sample();
    const { spec } = board(sources, { today: TODAY });
    const unquoted = contentOf(spec, (formula) => formula.split(quoteTabName('甘特图')).join('甘特图'));
    expect(contentOf(spec).formulas.flat().join()).toContain("'甘特图'!");
    expect(unquoted.formulas.flat().join()).not.toContain("'甘特图'!");
    expect(sourcesOnBoard(unquoted, aboutOf(spec))).toEqual(expected(sources));
  });

  test('a source left out by `keep` is skipped; one whose formulas lost their tab (#REF!) asks for a rebuild', () => {
    const sources = sample();
    const { spec } = board(sources, { today: TODAY });
    // As Sheets writes a reference to a deleted tab: INDEX(#REF!,7).
    const lost = contentOf(spec, (formula) => formula.replace(/'甘特图'!\$[A-Z]+:\$[A-Z]+/g, '#REF!'));
    expect(lost.formulas.flat().join()).toContain('INDEX(#REF!,');
    expect(sourcesOnBoard(lost, aboutOf(spec))).toBeNull();
    expect(sourcesOnBoard(lost, aboutOf(spec), (source) => source.source !== 'plan')).toEqual(expected(sources).slice(0, 2));
  });

  test('a board it cannot read back asks for a rebuild: no sources in its marker, a mirror column gone, sources out of order', () => {
    const sources = sample();
    const { spec } = board(sources, { today: TODAY });
    expect(sourcesOnBoard(contentOf(spec), { today: '2026-12-04' })).toBeNull();
    expect(sourcesOnBoard(contentOf(spec), { sources: 'not json' })).toBeNull();
    const content = contentOf(spec);
    const header = content.values[3] as CellValue[];
    const kindCol = header.indexOf(t('zh-CN', 'today.mirror.kind'));
    const renamed = { ...content, values: content.values.map((row, r) => (r === 3 ? row.map((cell, c) => (c === kindCol ? '我的列' : cell)) : row)) };
    expect(sourcesOnBoard(renamed, aboutOf(spec))).toBeNull();
    const sourceCol = header.indexOf(t('zh-CN', 'today.mirror.source'));
    const shuffled = { ...content, values: content.values.map((row, r) => (r === 5 ? row.map((cell, c) => (c === sourceCol ? 3 : cell)) : row)) };
    expect(sourcesOnBoard(shuffled, aboutOf(spec))).toBeNull();
  });

  test('on any SOP tabs, in either language: the sources built from are the sources read back', () => {
    const owners = ['林晓', 'wang', '', '新人', 2026];
    const statuses = [statusLabel('done', 'zh-CN'), statusLabel('cancelled', 'en'), '', '进行中'];
    const line: fc.Arbitrary<SopLine> = fc.record({
      date: fc.oneof(
        fc.integer({ min: -12, max: 18 }).map((offset) => TODAY + offset),
        fc.constantFrom<CellValue>(null, '明天'),
      ),
      time: fc.oneof(
        fc.integer({ min: 0, max: 1439 }).map((minute) => minute / 1440),
        fc.constantFrom<CellValue>(null, '晚上'),
      ),
      item: fc.constantFrom<CellValue>('开营', '催课', '', 2026),
      owner: fc.constantFrom<CellValue>(...owners),
      status: fc.constantFrom<CellValue>(...statuses),
    });
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.constantFrom<'zh-CN' | 'en'>('zh-CN', 'en'), (tabs, lang) => {
        const sources = tabs.map((rows, i) => ({ tab: sopSource(`SOP·${i}`, `群${i}`, i % 2 ? '第1期' : ''), grid: sopGrid(rows, lang) }));
        const { spec } = board(sources, { today: TODAY, lang });
        const back = sourcesOnBoard(contentOf(spec), aboutOf(spec));
        // An owner's text as the mirror gives it ("2026" for a number), as the board compares owners.
        expect(back).toEqual(expected(sources).map((source) => ({ ...source, rows: source.rows.map((row) => ({ ...row, owner: String(row.owner) })) })));
      }),
      { numRuns: 30 },
    );
  });
});

describe('a source the board may no longer follow whole is read again', () => {
  const read = () => {
    const sources = sample();
    const { spec } = board(sources, { today: TODAY });
    return sourcesOnBoard(contentOf(spec), aboutOf(spec))!;
  };
  test('as built, every source is followed whole', () => {
    expect(read().map(followsStale)).toEqual([false, false, false]);
  });
  test('its last followed row (a spare one) holds a row: there may be more below', () => {
    const [sop, , gantt] = read();
    const last = (source: SourceOnBoard, row: Partial<SourceOnBoard['rows'][number]>): SourceOnBoard => ({
      ...source,
      rows: [...source.rows.slice(0, -1), { ...source.rows[source.rows.length - 1], ...row }],
    });
    expect(followsStale(last(sop, { item: '加的一行' }))).toBe(true);
    expect(followsStale(last(gantt, { date: TODAY }))).toBe(true);
    // Below a Gantt's tasks the owners' block repeats them without dates: not tasks.
    expect(followsStale(last(gantt, { item: '海报设计' }))).toBe(false);
  });
  test('a followed row holds the header, in either language: rows were inserted above it', () => {
    const [sop, en, gantt] = read();
    const headerFirst = (source: SourceOnBoard, item: string): SourceOnBoard => ({
      ...source,
      rows: [source.rows[0], { ...source.rows[1], item }, ...source.rows.slice(2)],
    });
    expect(followsStale(headerFirst(sop, '事项'))).toBe(true);
    expect(followsStale(headerFirst(en, 'Item'))).toBe(true);
    expect(followsStale(headerFirst(gantt, t('zh-CN', 'gantt.header.task')))).toBe(true);
  });
});
