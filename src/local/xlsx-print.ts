/**
 * A tab's print setup in an .xlsx. The page setup lives in the sheet's XML, which ExcelJS writes
 * from renderTab: `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`, `<pageMargins/>` and
 * `<pageSetup orientation="landscape" paperSize="9" fitToWidth="1" fitToHeight="0"/>`, each in the
 * place CT_Worksheet gives it. The rows repeated on every page live in workbook.xml, as the sheet's
 * `_xlnm.Print_Titles` defined name: written here (ExcelJS would write a tab name with an apostrophe
 * unescaped), for a new workbook and for one updated in place, and read back from either, as Excel
 * and LibreOffice save them.
 */
import type ExcelJS from 'exceljs';
import { NORMAL_MARGINS, type PageMargins, type PrintSetup } from '../core/tab/print';
import { quoteTabName } from '../core/tab/spec';
import { attributes, elementPattern, escapeXml, unescapeXml } from './xlsx-package';

/** OOXML's paper size code for A4 (ECMA-376 §18.3.1.63). */
const A4_PAPER_SIZE = 9;

/** The header and footer margins (inches) Excel gives a new sheet. */
const HEADER_FOOTER_MARGIN = 0.3;

const PRINT_TITLES = '_xlnm.Print_Titles';

/** Elements of CT_Workbook that follow <definedNames>: a new <definedNames> goes before the first of them. */
const AFTER_DEFINED_NAMES = [
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

/** What ExcelJS writes for a print setup (its worksheet.pageSetup); the print titles are written apart. */
export function excelPageSetup(print: PrintSetup): Partial<ExcelJS.PageSetup> {
  const margins = print.margins ?? NORMAL_MARGINS;
  return {
    orientation: print.orientation,
    paperSize: A4_PAPER_SIZE,
    fitToPage: print.fitToWidth,
    // One page wide, as many pages down as needed (0: no limit).
    fitToWidth: 1,
    fitToHeight: print.fitToWidth ? 0 : 1,
    margins: { ...margins, header: HEADER_FOOTER_MARGIN, footer: HEADER_FOOTER_MARGIN },
  };
}

/** A sheet's rows to repeat on every page (from row 1), by its 0-based place among the workbook's sheets. */
export interface PrintTitles {
  index: number;
  name: string;
  /** 0: none. */
  rows: number;
}

/**
 * workbook.xml with the print titles of these sheets set: each one's old `_xlnm.Print_Titles` is
 * replaced (repeated columns a person chose are kept), or removed when it repeats no rows. When
 * nothing changes the text comes back as it was, byte for byte.
 */
export function withPrintTitles(workbookXml: string, sheets: ReadonlyArray<PrintTitles>): string {
  const block = definedNamesBlock(workbookXml);
  const prefix = block?.prefix ?? /<((?:[\w.-]+:)?)sheets\b/.exec(workbookXml)?.[1] ?? '';
  const names = block ? Array.from(block.inner.matchAll(elementPattern('definedName')), ([element]) => element) : [];
  const kept = [...names];
  const added: string[] = [];
  for (const sheet of sheets) {
    const at = kept.findIndex((element) => isPrintTitlesOf(element, sheet.index));
    const columns = at >= 0 ? titleRanges(kept[at]).filter((part) => !/!\$?\d+:\$?\d+$/.test(part)) : [];
    const ranges = [...columns, ...(sheet.rows > 0 ? [`${quoteTabName(sheet.name)}!$1:$${sheet.rows}`] : [])];
    const element = ranges.length
      ? `<${prefix}definedName name="${PRINT_TITLES}" localSheetId="${sheet.index}">${escapeXml(ranges.join(','))}</${prefix}definedName>`
      : null;
    if (at >= 0) {
      if (element === null) kept.splice(at, 1);
      else kept[at] = sameTitles(kept[at], ranges) ? kept[at] : element;
    } else if (element !== null) {
      added.push(element);
    }
  }
  const all = [...kept, ...added];
  if (all.length === names.length && all.every((element, i) => element === names[i])) return workbookXml;
  const inner = all.join('');
  if (block) {
    const replacement = inner ? `<${prefix}definedNames>${inner}</${prefix}definedNames>` : '';
    return workbookXml.slice(0, block.start) + replacement + workbookXml.slice(block.end);
  }
  let at = workbookXml.search(/<\/(?:[\w.-]+:)?workbook>/);
  for (const name of AFTER_DEFINED_NAMES) {
    const found = new RegExp(`<(?:[\\w.-]+:)?${name}\\b`).exec(workbookXml);
    if (found && found.index < at) at = found.index;
  }
  return `${workbookXml.slice(0, at)}<${prefix}definedNames>${inner}</${prefix}definedNames>${workbookXml.slice(at)}`;
}

/** The repeated rows (from row 1) of each sheet, by its 0-based place among the workbook's sheets. */
export function printTitleRows(workbookXml: string): Map<number, number> {
  const rows = new Map<number, number>();
  const block = definedNamesBlock(workbookXml);
  for (const [element] of (block?.inner ?? '').matchAll(elementPattern('definedName'))) {
    const attrs = attributes(/^<[^>]*>/.exec(element)![0]);
    const index = Number(attrs.get('localSheetId'));
    if (attrs.get('name') !== PRINT_TITLES || !Number.isInteger(index)) continue;
    for (const part of titleRanges(element)) {
      const match = /!\$?(\d+):\$?(\d+)$/.exec(part);
      if (match && Number(match[1]) === 1) rows.set(index, Number(match[2]));
    }
  }
  return rows;
}

/**
 * The print setup a sheet's XML states with its repeated rows, or undefined when it states nothing
 * beyond a spreadsheet's defaults (portrait, actual size, normal margins, nothing repeated).
 * fitToPage is read as Excel ("1") and LibreOffice ("true") write it.
 */
export function readPrintSetup(sheetXml: string, repeatRows: number): PrintSetup | undefined {
  const tag = (name: string): Map<string, string> | null => {
    const found = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>`).exec(sheetXml);
    return found ? attributes(found[0]) : null;
  };
  const yes = (value: string | undefined): boolean => value === '1' || value === 'true';
  const setup = tag('pageSetup');
  const fitToPage = yes(tag('pageSetUpPr')?.get('fitToPage'));
  // fitToWidth and fitToHeight are 1 when absent.
  const fitToWidth = fitToPage && Number(setup?.get('fitToWidth') ?? 1) === 1;
  const orientation = setup?.get('orientation') === 'landscape' ? 'landscape' : 'portrait';
  const marginAttrs = tag('pageMargins');
  const margin = (side: keyof PageMargins): number => {
    const value = Number(marginAttrs?.get(side));
    return Number.isFinite(value) && marginAttrs?.has(side) ? value : NORMAL_MARGINS[side];
  };
  const margins: PageMargins = { top: margin('top'), bottom: margin('bottom'), left: margin('left'), right: margin('right') };
  const normalMargins = (Object.keys(NORMAL_MARGINS) as Array<keyof PageMargins>).every((side) => Math.abs(margins[side] - NORMAL_MARGINS[side]) < 1e-6);
  if (orientation === 'portrait' && !fitToWidth && repeatRows === 0 && normalMargins) return undefined;
  return normalMargins ? { orientation, fitToWidth, repeatRows } : { orientation, fitToWidth, repeatRows, margins };
}

/** The <definedNames> element of workbook.xml, where it is and what it holds. */
function definedNamesBlock(xml: string): { start: number; end: number; inner: string; prefix: string } | null {
  const found = elementPattern('definedNames', '').exec(xml);
  if (!found) return null;
  const prefix = /^<((?:[\w.-]+:)?)/.exec(found[0])?.[1] ?? '';
  const inner = found[0]
    .replace(/^<[^>]*?\/>$/, '')
    .replace(/^<[^>]*>/, '')
    .replace(/<\/[^>]*>$/, '');
  return { start: found.index, end: found.index + found[0].length, inner, prefix };
}

function isPrintTitlesOf(element: string, index: number): boolean {
  const attrs = attributes(/^<[^>]*>/.exec(element)![0]);
  return attrs.get('name') === PRINT_TITLES && Number(attrs.get('localSheetId')) === index;
}

/** The ranges of a print-titles name ("'SOP'!$A:$B", "'SOP'!$1:$1"); commas inside quoted tab names are kept. */
function titleRanges(element: string): string[] {
  const text = unescapeXml(element.replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, ''));
  return Array.from(text.matchAll(/(?:'(?:[^']|'')*'|[^,'])+/g), ([part]) => part.trim()).filter(Boolean);
}

function sameTitles(element: string, ranges: string[]): boolean {
  const existing = titleRanges(element);
  return existing.length === ranges.length && existing.every((part, i) => part.replace(/\$/g, '') === ranges[i].replace(/\$/g, ''));
}
