/**
 * How a tab prints, in the .xlsx: its page setup in the sheet (fit to the page's width, orientation,
 * A4, margins) in the order CT_Worksheet gives the elements, the rows it repeats on every page as the
 * sheet's _xlnm.Print_Titles in workbook.xml, and row heights that fit wrapped text and stay
 * automatic. All of it is read back, so a tab rewritten by --update keeps it, and an update that
 * changes nothing about printing leaves workbook.xml as it was.
 */
import JSZip from 'jszip';
import { printSetup, NARROW_MARGINS } from '../../src/core/tab/print';
import { range, type TabSpec } from '../../src/core/tab/spec';
import { readWorkbookTabs, updateXlsx, writeXlsx } from '../../src/local/xlsx';
import { XlsxPackage, elementPattern } from '../../src/local/xlsx-package';
import { printTitleRows, readPrintSetup, withPrintTitles } from '../../src/local/xlsx-print';

/** CT_Worksheet's elements in the order the schema requires them (ECMA-376 Part 1, §18.3.1.99). */
const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

const SCRIPT = '欢迎加入28天大课！开营前我们会陆续发课前准备，进群后请先把群昵称改成“城市-昵称”，方便大家互相认识。';

function sopTab(name: string, extra: Partial<TabSpec> = {}): TabSpec {
  return {
    name,
    marker: { kind: 'sop', key: { group: name, cohort: '' } },
    columns: [
      { key: 'date', width: 90, format: 'date' },
      { key: 'item', width: 150 },
      { key: 'script', width: 340 },
    ],
    headerRows: 1,
    frozenRows: 1,
    rows: [
      ['日期', '事项', '话术'],
      [46357, '开营', SCRIPT.repeat(3)],
      [46358, '打卡', '今天打卡了吗？'],
    ],
    styles: [{ range: range(1, 2, 2, 1), style: { wrap: true } }],
    tabColor: '#4e79a7',
    print: printSetup('landscape', 1, NARROW_MARGINS),
    ...extra,
  };
}

async function parts(bytes: Buffer): Promise<{ workbook: string; sheets: Map<string, string> }> {
  const pkg = await XlsxPackage.open(bytes);
  const sheets = new Map<string, string>();
  for (const sheet of await pkg.sheets()) if (sheet.part) sheets.set(sheet.name, (await pkg.text(sheet.part))!);
  return { workbook: (await pkg.text(pkg.workbookPart))!, sheets };
}

/** The worksheet's top-level elements, in order. */
function topLevelElements(xml: string): string[] {
  const inner = /<worksheet\b[^>]*>([\s\S]*)<\/worksheet>/.exec(xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>'))![1];
  const names: string[] = [];
  let depth = 0;
  for (const [, close, name, selfClosing] of inner.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    if (close) depth--;
    else {
      if (depth === 0) names.push(name);
      if (!selfClosing) depth++;
    }
  }
  return names;
}

describe('a tab’s print setup in the .xlsx', () => {
  test('landscape, A4, one page wide and as long as it runs, narrow margins; the header repeated through workbook.xml', async () => {
    const { workbook, sheets } = await parts(await writeXlsx([sopTab("SOP·O'Brien群")]));
    const sheet = sheets.get("SOP·O'Brien群")!;
    expect(/<sheetPr>[\s\S]*?<\/sheetPr>/.exec(sheet)?.[0]).toBe('<sheetPr><tabColor rgb="FF4E79A7"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheet).toMatch(/<pageSetup\b(?=[^>]*\borientation="landscape")(?=[^>]*\bpaperSize="9")(?=[^>]*\bfitToWidth="1")(?=[^>]*\bfitToHeight="0")[^>]*\/>/);
    expect(sheet).toMatch(/<pageMargins left="0.25" right="0.25" top="0.5" bottom="0.5" header="0.3" footer="0.3"\/>/);
    // The tab name's apostrophe is doubled inside the quotes, as Excel requires.
    expect(elementPattern('definedNames', '').exec(workbook)?.[0]).toBe(
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'SOP·O''Brien群'!$1:$1</definedName></definedNames>`,
    );
    // <definedNames> goes before <calcPr>, as CT_Workbook orders them.
    expect(workbook.indexOf('<definedNames>')).toBeLessThan(workbook.indexOf('<calcPr'));
  });

  test('every sheet’s elements come in the order CT_Worksheet requires (Excel and LibreOffice refuse others)', async () => {
    const withEverything = sopTab('SOP·A群', {
      merges: [range(3, 0, 1, 3)],
      validations: [{ range: range(1, 1, 2, 1), rule: { type: 'list', values: ['开营', '打卡'] } }],
      conditionalFormats: [{ ranges: [range(1, 0, 2, 3)], formula: '=$A2=TODAY()', style: { background: '#fff2cc' } }],
      notes: [{ row: 0, col: 0, text: '生成说明' }],
    });
    const { sheets } = await parts(await writeXlsx([withEverything, sopTab('SOP·B群', { print: undefined })]));
    for (const [name, xml] of sheets) {
      const order = topLevelElements(xml).map((element) => WORKSHEET_ORDER.indexOf(element));
      expect({ name, order, known: order.every((i) => i >= 0) }).toEqual({ name, order: [...order].sort((a, b) => a - b), known: true });
    }
  });

  test('a wrapped script’s row is as tall as its lines and stays automatic (no customHeight); a one-line row states no height', async () => {
    const { sheets } = await parts(await writeXlsx([sopTab('SOP·A群')]));
    const rows = Array.from(sheets.get('SOP·A群')!.matchAll(/<row\b[^>]*>/g), ([tag]) => tag);
    expect(rows[1]).toMatch(/\bht="\d+"/);
    expect(Number(/\bht="(\d+)"/.exec(rows[1])![1])).toBeGreaterThan(4 * 15);
    expect(rows.join('')).not.toMatch(/customHeight/);
    expect(rows[0]).not.toMatch(/\bht=/);
    expect(rows[2]).not.toMatch(/\bht=/);
  });

  test('is read back, so a tab rewritten by --update keeps it; a generated tab declaring none prints one page wide with its header', async () => {
    const declared = sopTab('SOP·A群');
    const undeclared = sopTab('团队', { marker: { kind: 'team', key: {} }, print: undefined });
    const plain = sopTab('我的表', { marker: { kind: 'plain', key: {} }, print: undefined, frozenRows: 0 });
    const read = await readWorkbookTabs(await writeXlsx([declared, undeclared, plain]));
    expect(read.map((tab) => tab.spec.print)).toEqual([
      { orientation: 'landscape', fitToWidth: true, repeatRows: 1, margins: NARROW_MARGINS },
      { orientation: 'portrait', fitToWidth: true, repeatRows: 1 },
      undefined,
    ]);
  });

  test('an update adds the print titles of a new tab; regenerating a tab whose print setup is unchanged leaves workbook.xml byte-identical', async () => {
    const first = await writeXlsx([sopTab('SOP·A群')]);
    const added = await updateXlsx(first, [{ spec: sopTab('SOP·B群', { print: printSetup('landscape', 2) }), marker: sopTab('SOP·B群').marker }]);
    const { workbook } = await parts(added);
    expect(Object.fromEntries(printTitleRows(workbook))).toEqual({ 0: 1, 2: 2 });
    expect(workbook).toContain(`localSheetId="2">'SOP·B群'!$1:$2</definedName>`);
    const again = await updateXlsx(added, [{ spec: sopTab('SOP·A群'), marker: sopTab('SOP·A群').marker }]);
    expect((await parts(again)).workbook).toBe(workbook);
    // Once it repeats no rows, its print titles go.
    const none = await updateXlsx(again, [{ spec: sopTab('SOP·B群', { print: printSetup('landscape', 0) }), marker: sopTab('SOP·B群').marker }]);
    expect(Object.fromEntries(printTitleRows((await parts(none)).workbook))).toEqual({ 0: 1 });
  });
});

describe('print setups as Excel and LibreOffice save them', () => {
  const workbook = (names: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1"/><sheet name="B" sheetId="2"/></sheets>${names}<calcPr/></workbook>`;

  test('a person’s other names and their repeated columns stay; only the rows part of our tab’s titles changes', () => {
    const xml = workbook(
      `<definedNames><definedName name="Budget">'A'!$B$2</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'B'!$A:$B,'B'!$1:$3</definedName></definedNames>`,
    );
    const updated = withPrintTitles(xml, [{ index: 1, name: 'B', rows: 1 }]);
    expect(updated).toContain(`<definedName name="Budget">'A'!$B$2</definedName>`);
    expect(updated).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'B'!$A:$B,'B'!$1:$1</definedName>`);
    expect(withPrintTitles(updated, [{ index: 1, name: 'B', rows: 1 }])).toBe(updated);
    expect(Object.fromEntries(printTitleRows(updated))).toEqual({ 1: 1 });
  });

  test('LibreOffice’s fitToPage="true" and its own margins are read as they print', () => {
    const sheet =
      '<worksheet><sheetPr filterMode="false"><pageSetUpPr fitToPage="true"/></sheetPr><sheetData/>' +
      '<pageMargins left="0.3" right="0.3" top="0.4" bottom="0.4" header="0.2" footer="0.2"/>' +
      '<pageSetup paperSize="9" scale="100" fitToWidth="1" fitToHeight="0" orientation="landscape"/></worksheet>';
    expect(readPrintSetup(sheet, 2)).toEqual({
      orientation: 'landscape',
      fitToWidth: true,
      repeatRows: 2,
      margins: { top: 0.4, bottom: 0.4, left: 0.3, right: 0.3 },
    });
    expect(readPrintSetup('<worksheet><sheetData/><pageSetup orientation="portrait"/></worksheet>', 0)).toBeUndefined();
  });

  test('the package is deflated (ExcelJS writes it stored, the last pass zips it)', async () => {
    const bytes = await writeXlsx([sopTab('SOP·A群')]);
    const zip = await JSZip.loadAsync(bytes);
    let unzipped = 0;
    for (const file of Object.values(zip.files)) if (!file.dir) unzipped += (await file.async('uint8array')).length;
    expect(bytes.length).toBeLessThan(unzipped / 2);
  });
});
