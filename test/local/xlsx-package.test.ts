/**
 * `--update FILE.xlsx` edits a person's workbook surgically: the tabs a run changed are rewritten,
 * and every other part of the file — their own sheets, charts, pictures, notes, formulas, defined
 * names — keeps its bytes, whoever saved the file (ExcelJS, openpyxl, LibreOffice).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { range, type TabSpec } from '../../src/core/tab/spec';
import { cli } from '../support/cli';
import { MARKER_SHEET, readWorkbookTabs, readXlsx, updateXlsx, writeXlsx } from '../../src/local/xlsx';
import { XlsxPackage, elementPattern } from '../../src/local/xlsx-package';
import { LIBREOFFICE_TEST_TIMEOUT_MS, describeWithLibreOffice, recalculateXlsx, xlsxToPdf } from '../support/libreoffice';
import { describeWithOpenpyxl, openpyxlWorkbook } from '../support/openpyxl';
import { expectSameTab, generatedTab } from '../support/tab-round-trip';
import { changedParts, partsARewriteMayChange, xlsxParts } from '../support/xlsx-parts';

const tmp = () => mkdtempSync(join(tmpdir(), 'sop-xlsx-package-'));

const SOP_TAB = 'SOP·Java引流5群·第12期';
const GANTT_TAB = '甘特图';
const CALENDAR_TAB = '2026-12 活动日历';
const sopUpdate = (file: string) => [
  'sop',
  '--template',
  'big-class-28d',
  '--anchor',
  '2026-12-14',
  '--group',
  'Java引流5群',
  '--cohort',
  '第12期',
  '--update',
  file,
  '--lang',
  'zh',
];

/** The demo workbook as the CLI writes it (the add-on's tabs, the pasted samples, three past cohorts' SOP tabs). */
let demoBytes: Buffer | undefined;

/** A copy of the demo workbook in `dir`, as demo.xlsx: the CLI writes it once for the suite, and no test changes another's copy. */
async function demoWorkbook(dir: string): Promise<string> {
  if (!demoBytes) {
    const made = join(tmp(), 'demo.xlsx');
    expect((await cli('demo', '--out', made, '--lang', 'zh')).code).toBe(0);
    demoBytes = readFileSync(made);
  }
  const file = join(dir, 'demo.xlsx');
  writeFileSync(file, demoBytes);
  return file;
}

/** What one `--update` run did to the file: its exit, and what it changed beyond what it was expected to rewrite. */
interface UpdateRecord {
  code: number;
  stderr: string;
  /** Parts changed that the run had no reason to touch. */
  changedParts: string[];
  /** Defined names gone, and added ones other than a new tab's print titles. */
  lostNames: string[];
  addedNames: string[];
}

/** Runs the CLI on the file and records which parts and defined names it changed beyond those of the tabs it was expected to rewrite (and the shared parts that list and style sheets). */
async function recordUpdate(file: string, argv: string[], rewrittenTabs: string[]): Promise<UpdateRecord> {
  const before = await xlsxParts(file);
  const allowed = await partsARewriteMayChange(file, rewrittenTabs);
  const result = await cli(...argv);
  const after = await xlsxParts(file);
  const workbookPart = (await XlsxPackage.open(readFileSync(file))).workbookPart;
  const definedNames = (parts: Map<string, Buffer>) =>
    Array.from(parts.get(workbookPart)!.toString('utf8').matchAll(elementPattern('definedName')), ([element]) => element);
  return {
    code: result.code,
    stderr: result.stderr,
    changedParts: changedParts(before, after, allowed),
    // Every defined name stays as it was; a tab the run added brings its print titles (the header repeated on every page).
    lostNames: definedNames(before).filter((name) => !definedNames(after).includes(name)),
    addedNames: definedNames(after).filter((name) => !definedNames(before).includes(name) && !name.includes('"_xlnm.Print_Titles"')),
  };
}

/** What `recordUpdate` records of a run that changed nothing it should not have. */
const keptOtherParts = (stderr: unknown = expect.any(String)) => ({
  code: 0,
  stderr,
  changedParts: [],
  lostNames: [],
  addedNames: [],
});

/**
 * Runs the CLI on the file and checks that it changed no part but those of the existing tabs it was
 * expected to rewrite (and the shared parts that list and style sheets); returns its stderr.
 */
async function updateKeepingOtherParts(file: string, argv: string[], rewrittenTabs: string[]): Promise<string> {
  const record = await recordUpdate(file, argv, rewrittenTabs);
  expect({ code: record.code, stderr: record.code === 0 ? '' : record.stderr }).toEqual({ code: 0, stderr: '' });
  expect(record).toEqual(keptOtherParts());
  return record.stderr;
}

async function sheetNames(file: string): Promise<Array<[string, string]>> {
  return (await (await XlsxPackage.open(readFileSync(file))).sheets()).map((sheet) => [sheet.name, sheet.state]);
}

/** The cells MARKER_SHEET spans ("A1:H9"): its lists grow it to the right. */
async function markerSheetDimension(file: string): Promise<string | undefined> {
  const pkg = await XlsxPackage.open(readFileSync(file));
  const sheet = (await pkg.sheets()).find((candidate) => candidate.name === MARKER_SHEET)!;
  return /<dimension ref="([^"]+)"/.exec((await pkg.text(sheet.part!))!)?.[1];
}

/** The items of one list of the styles part (cellXfs, fonts…), as text. */
function styleItems(parts: Map<string, Buffer>, list: string, item: string): string[] {
  const styles = parts.get('xl/styles.xml')!.toString('utf8');
  const section = elementPattern(list, '').exec(styles)?.[0] ?? '';
  return Array.from(section.replace(/^<[^>]*>/, '').matchAll(elementPattern(item)), (match) => match[0]);
}

describe('updating a workbook rewrites only the tabs the run changed', () => {
  /**
   * One story on a copy of the demo workbook, run once for the two tests after it: sop, gantt and
   * calendar add their tabs, then the calendar and the SOP tab are rendered again. Each step records
   * what it changed; the tests check the records.
   */
  const story = {
    original: new Map<string, Buffer>(),
    added: [] as UpdateRecord[],
    namesAfterAdding: [] as Array<[string, string]>,
    updated: new Map<string, Buffer>(),
    markerSheetSize: undefined as string | undefined,
    sheetsBeforeRefresh: [] as Awaited<ReturnType<XlsxPackage['sheets']>>,
    refresh: undefined as UpdateRecord | undefined,
    sheetsAfterRefresh: [] as Awaited<ReturnType<XlsxPackage['sheets']>>,
    tabsAfterRefresh: [] as Awaited<ReturnType<typeof readXlsx>>,
    sopAgain: undefined as UpdateRecord | undefined,
    again: new Map<string, Buffer>(),
    markerSheetSizeAgain: undefined as string | undefined,
  };
  beforeAll(async () => {
    const file = await demoWorkbook(tmp());
    story.original = await xlsxParts(file);
    story.added = [
      await recordUpdate(file, sopUpdate(file), []),
      await recordUpdate(file, ['gantt', '--update', file, '--lang', 'zh'], []),
      await recordUpdate(file, ['calendar', '--update', file, '--month', '2026-12', '--lang', 'zh'], []),
    ];
    story.namesAfterAdding = await sheetNames(file);
    story.updated = await xlsxParts(file);
    story.markerSheetSize = await markerSheetDimension(file);
    story.sheetsBeforeRefresh = await (await XlsxPackage.open(readFileSync(file))).sheets();
    // Refreshing the calendars rewrites the calendar tab where it is.
    story.refresh = await recordUpdate(file, ['calendar', '--update', file, '--lang', 'zh'], [CALENDAR_TAB]);
    story.sheetsAfterRefresh = await (await XlsxPackage.open(readFileSync(file))).sheets();
    story.tabsAfterRefresh = await readXlsx(readFileSync(file));
    // The SOP tab rendered again, as the calendar just was.
    story.sopAgain = await recordUpdate(file, sopUpdate(file), [SOP_TAB]);
    story.again = await xlsxParts(file);
    story.markerSheetSizeAgain = await markerSheetDimension(file);
  });

  test('new tabs are added at the end; a regenerated tab keeps its place, part, r:id and sheetId; the other sheets keep their bytes', () => {
    expect(story.added).toEqual([keptOtherParts(), keptOtherParts(), keptOtherParts()]);
    expect(story.namesAfterAdding).toEqual([
      ['团队', 'visible'],
      ['活动列表', 'visible'],
      ['推进表', 'visible'],
      ['群数据', 'visible'],
      // The demo's history for 复盘: the cohorts' results (pasted) and three past cohorts' SOP tabs.
      ['各期数据', 'visible'],
      ['SOP·Java引流5群·第9期', 'visible'],
      ['SOP·Java引流5群·第10期', 'visible'],
      ['SOP·Java引流5群·第11期', 'visible'],
      [MARKER_SHEET, 'veryHidden'],
      [SOP_TAB, 'visible'],
      [GANTT_TAB, 'visible'],
      [CALENDAR_TAB, 'visible'],
    ]);

    // Refreshing the calendars rewrites the calendar tab where it is.
    expect(story.refresh).toEqual(keptOtherParts(expect.stringContaining(CALENDAR_TAB)));
    expect(story.sheetsAfterRefresh).toEqual(story.sheetsBeforeRefresh);
    const tabs = story.tabsAfterRefresh;
    expect(tabs.filter((tab) => tab.marker).map((tab) => [tab.name, tab.marker!.kind])).toEqual([
      ['团队', 'team'],
      ['SOP·Java引流5群·第9期', 'sop'],
      ['SOP·Java引流5群·第10期', 'sop'],
      ['SOP·Java引流5群·第11期', 'sop'],
      [SOP_TAB, 'sop'],
      [GANTT_TAB, 'gantt'],
      [CALENDAR_TAB, 'calendar'],
    ]);
    const calendar = tabs.find((tab) => tab.name === CALENDAR_TAB)!.values;
    expect(calendar[1]).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    // So does generating the SOP tab again.
    expect(story.sopAgain).toEqual(keptOtherParts());
  });

  test('styles are appended, so every style index of the other sheets still means what it meant, and updating again adds nothing', () => {
    for (const [list, item] of [
      ['numFmts', 'numFmt'],
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellXfs', 'xf'],
      ['dxfs', 'dxf'],
    ]) {
      const before = styleItems(story.original, list, item);
      expect(styleItems(story.updated, list, item).slice(0, before.length)).toEqual(before);
    }
    // The same tabs rendered again (the calendar, then the SOP tab) find their styles already there, and their long lists in their columns.
    expect(story.again.get('xl/styles.xml')!.equals(story.updated.get('xl/styles.xml')!)).toBe(true);
    expect(story.markerSheetSizeAgain).toBe(story.markerSheetSize);
  });

  test('a tab added to a workbook, and then replaced, reads back as the tab it was; the person’s own tab is untouched', async () => {
    const own: TabSpec = {
      name: '我的表',
      marker: { kind: 'plain', key: {} },
      columns: [
        { key: 'a', width: 120 },
        { key: 'b', format: 'percent' },
      ],
      headerRows: 1,
      rows: [
        ['渠道', '转化率'],
        ['朋友圈', 0.0275],
        ['社群', { formula: '=1/40', value: 0.025 }],
      ],
      styles: [
        { range: range(0, 0, 1, 2), style: { bold: true, background: '#fce5cd' } },
        { range: range(2, 0, 1, 1), style: { italic: true, fontColor: '#cc0000' } },
      ],
      notes: [{ row: 1, col: 1, text: '上月数据' }],
    };
    const base = await writeXlsx([{ spec: own, marker: null }]);
    const [ownRead] = await readWorkbookTabs(base);
    await fc.assert(
      fc.asyncProperty(generatedTab, generatedTab, async (first, second) => {
        const added = await updateXlsx(base, [{ spec: first, marker: first.marker }]);
        const replaced = await updateXlsx(added, [{ spec: second, marker: second.marker }]);
        for (const [bytes, written] of [
          [added, first],
          [replaced, second],
        ] as const) {
          const tabs = await readWorkbookTabs(bytes);
          expect(tabs.map((tab) => [tab.spec.name, tab.marker?.kind ?? null])).toEqual([
            ['我的表', null],
            ['生成的表', 'sop'],
          ]);
          expect(tabs[0]).toEqual(ownRead);
          expectSameTab(tabs[1].spec, written);
        }
      }),
      // Each run writes, updates and reads back three workbooks (about 0.2 s): 20 cover the update
      // path, while xlsx-sheet-spec.test.ts explores what generatedTab makes with 60 plain round trips.
      { numRuns: 20 },
    );
  });

  test('Excel’s calculation chain forgets the cells of a rewritten tab, and goes when nothing is left in it', async () => {
    const tab = (name: string): TabSpec => ({
      name,
      marker: { kind: 'plain', key: {} },
      columns: [],
      headerRows: 0,
      rows: [[1, { formula: '=A1*2', value: 2 }]],
    });
    const zip = await JSZip.loadAsync(await writeXlsx([tab('甲'), tab('乙')]));
    // What Excel saves: one entry per formula cell, the sheet id (i) written only when it changes.
    zip.file(
      'xl/calcChain.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/><c r="B2"/><c r="B1" i="2"/><c r="B3"/></calcChain>',
    );
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const base = await zip.generateAsync({ type: 'nodebuffer' });

    const first = await JSZip.loadAsync(await updateXlsx(base, [{ spec: tab('甲'), marker: null }]));
    expect(await first.file('xl/calcChain.xml')!.async('string')).toMatch(/<calcChain[^>]*><c r="B1" i="2"\/><c r="B3"\/><\/calcChain>$/);

    const both = await JSZip.loadAsync(
      await updateXlsx(base, [
        { spec: tab('甲'), marker: null },
        { spec: tab('乙'), marker: null },
      ]),
    );
    expect(both.file('xl/calcChain.xml')).toBeNull();
    expect(await both.file('xl/_rels/workbook.xml.rels')!.async('string')).not.toContain('calcChain');
    expect(await both.file('[Content_Types].xml')!.async('string')).not.toContain('calcChain');
  });

  test('a refused run leaves the file byte-identical', async () => {
    const dir = tmp();
    const file = await demoWorkbook(dir);
    await cli('gantt', '--update', file, '--lang', 'zh');
    const before = readFileSync(file);
    const headerless = join(dir, 'team.tsv');
    writeFileSync(headerless, '林晓\t社群运营\n');
    const plan = join(dir, 'plan.tsv');
    writeFileSync(plan, '事项\t负责人\t开始日期\n开营\t林晓\t2026-12-01\n');
    const refused = [
      ['sop', '--template', 'nope', '--anchor', '2026-12-14', '--group', 'A群', '--update', file, '--lang', 'zh'],
      ['sop', '--template', 'conversion-7d', '--anchor', '2026-12-14', '--group', 'A群', '--team', headerless, '--update', file, '--lang', 'zh'],
      ['gantt', '--update', file, '--plan', '没有这张表', '--lang', 'zh'],
      ['gantt', '--update', file, '--tasks', plan, '--lang', 'zh'],
      ['calendar', '--update', file, '--month', '2026-13', '--lang', 'zh'],
      ['calendar', '--update', file, '--activities', plan, '--month', '2026-12', '--lang', 'zh'],
    ];
    for (const argv of refused) {
      const result = await cli(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 1 });
      expect(result.stderr).not.toBe('');
      expect(readFileSync(file).equals(before)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['demo.xlsx', 'plan.tsv', 'team.tsv']);
  });

  test('the file is replaced whole, by renaming a finished file over it: nothing is left beside it, and it keeps its permissions', async () => {
    const dir = tmp();
    const file = await demoWorkbook(dir);
    chmodSync(file, 0o640);
    expect((await cli('gantt', '--update', file, '--lang', 'zh')).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['demo.xlsx']);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });
});

describeWithOpenpyxl('workbooks saved by openpyxl', () => {
  test('a workbook of a person’s own with a bar chart takes an SOP tab, and keeps the chart, the picture, the note and the name', async () => {
    const dir = tmp();
    const file = join(dir, 'own.xlsx');
    await openpyxlWorkbook('new', file);
    const stderr = await updateKeepingOtherParts(
      file,
      ['sop', '--template', 'conversion-7d', '--anchor', '2026-12-07', '--group', 'A群', '--update', file, '--lang', 'zh'],
      [],
    );
    expect(stderr).toContain('已写入');
    expect(await sheetNames(file)).toEqual([
      ['Sales', 'visible'],
      ['Picture', 'visible'],
      ['Formulas', 'visible'],
      ['SOP·A群', 'visible'],
      [MARKER_SHEET, 'veryHidden'],
    ]);
    const tabs = await readXlsx(readFileSync(file));
    expect(tabs.find((tab) => tab.name === 'SOP·A群')?.marker?.kind).toBe('sop');
  });

  test('sop, gantt and calendar --update on the add-on’s workbook that openpyxl saved keep every other part, and a picture put on the Gantt tab stays', async () => {
    const dir = tmp();
    const file = join(dir, 'book.xlsx');
    await openpyxlWorkbook('decorate', await demoWorkbook(dir), file);
    await runTheThreeCommands(file);

    // A person puts a picture on the generated Gantt tab; regenerating the tab keeps it.
    const withPicture = join(dir, 'picture.xlsx');
    await openpyxlWorkbook('picture', file, withPicture, GANTT_TAB);
    copyFileSync(withPicture, file);
    const drawingOf = async (): Promise<string | undefined> => {
      const pkg = await XlsxPackage.open(readFileSync(file));
      const gantt = (await pkg.sheets()).find((sheet) => sheet.name === GANTT_TAB)!;
      return elementPattern('drawing', '').exec((await pkg.text(gantt.part!))!)?.[0];
    };
    expect(await drawingOf()).toBeDefined();
    await updateKeepingOtherParts(file, ['gantt', '--update', file, '--lang', 'zh'], [GANTT_TAB]);
    expect(await drawingOf()).toBeDefined();
  });

  describeWithLibreOffice('and then by LibreOffice', () => {
    test(
      'the same runs keep every other part of a workbook LibreOffice saved, and LibreOffice still draws the chart',
      async () => {
        const dir = tmp();
        const decorated = join(dir, 'decorated.xlsx');
        await openpyxlWorkbook('decorate', await demoWorkbook(dir), decorated);
        const file = join(dir, 'book.xlsx');
        copyFileSync(await recalculateXlsx(decorated), file);
        await runTheThreeCommands(file);

        const text = execFileSync('pdftotext', [await xlsxToPdf(file, dir), '-'], { encoding: 'utf8' });
        // The chart's title and its value axis are drawn, next to the generated tabs.
        expect(text).toContain('Revenue by month');
        expect(text).toMatch(/^45$/m);
        expect(text).toContain('周一');
      },
      LIBREOFFICE_TEST_TIMEOUT_MS,
    );
  });
});

/** sop, gantt and calendar --update in turn, each leaving every part it had no reason to touch as it was. */
async function runTheThreeCommands(file: string): Promise<void> {
  const own = async (): Promise<Map<string, Buffer>> => {
    const parts = await xlsxParts(file);
    return new Map([...parts].filter(([name]) => /chart|drawing|media|comment/i.test(name)));
  };
  const before = await own();
  expect([...before.keys()].some((name) => name.includes('charts/chart'))).toBe(true);
  await updateKeepingOtherParts(file, sopUpdate(file), []);
  await updateKeepingOtherParts(file, ['gantt', '--update', file, '--lang', 'zh'], []);
  await updateKeepingOtherParts(file, ['calendar', '--update', file, '--month', '2026-12', '--lang', 'zh'], []);
  const after = await own();
  for (const [name, bytes] of before) expect({ name, same: after.get(name)?.equals(bytes) }).toEqual({ name, same: true });
  const pkg = await XlsxPackage.open(readFileSync(file));
  const sales = (await pkg.sheets()).find((sheet) => sheet.name === 'Sales')!;
  expect(elementPattern('drawing', '').test((await pkg.text(sales.part!))!)).toBe(true);
  const tabs = await readXlsx(readFileSync(file));
  // The demo's three past cohorts are SOP tabs too, beside the one the sop command wrote.
  expect(tabs.filter((tab) => tab.marker).map((tab) => tab.marker!.kind)).toEqual(['team', 'sop', 'sop', 'sop', 'sop', 'gantt', 'calendar']);
}
