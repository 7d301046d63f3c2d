/**
 * A copy of a workbook that ExcelJS 4.4 can load, whoever saved it. ExcelJS finds parts by fixed
 * names (xl/commentsN.xml, xl/worksheets/sheetN.xml) rather than through the relationships, and
 * stops on drawings it does not know — an openpyxl chart ends its load with "Cannot read properties
 * of undefined (reading 'anchors')". The copy keeps what the reader uses (the sheet list, styles,
 * shared strings, each worksheet with its comments and hyperlinks) under the names ExcelJS looks
 * for, and leaves out charts, images, tables and controls, which reading cells never needed.
 *
 * ExcelJS also misreads cached formula results: every one in a date-formatted cell becomes a date
 * ("" or "未开始" there would come back as 1899-12-30), and a result of 0 is dropped. And it turns a
 * dropdown into one entry per cell, a million for a whole column. The formula results and the
 * dropdowns are noted here, from the sheets' own XML, for the readers (see formulaResult), and the
 * dropdowns are left out of the copy.
 */
import JSZip from 'jszip';
import { columnIndex, type CellValue, type RangeRef } from '../core/tab/spec';
import { rangeOfA1 } from './xlsx-conventions';
import {
  RELATIONSHIP_TYPES,
  XlsxPackage,
  attributes,
  elementPattern,
  escapeXml,
  relationshipKind,
  relationshipsXml,
  unescapeXml,
  type Relationship,
} from './xlsx-package';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Worksheet elements that point into parts the copy leaves out, and the dropdowns (read from the XML instead). */
const ELEMENTS_LEFT_OUT = ['drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture', 'oleObjects', 'controls', 'tableParts', 'dataValidations'];

export interface ReadingCopy {
  bytes: Buffer;
  /** Per sheet name, the cached results of its formula cells, by 0-based "row,col". */
  formulaResults: Map<string, Map<string, CellValue>>;
  /** Per sheet name, its dropdowns and other data validations, as the file has them. */
  validations: Map<string, SheetValidation[]>;
}

/** A <dataValidation> of a sheet. */
export interface SheetValidation {
  ranges: RangeRef[];
  /** "list", "whole", "custom"…; "any" when the file gives none. */
  type: string;
  /** The first formula, without "=": '"a,b"', "'团队'!$A$2:$A$1000". */
  formula: string;
  showErrorMessage: boolean;
  errorStyle: string | undefined;
}

export async function readingCopy(pkg: XlsxPackage): Promise<ReadingCopy> {
  const formulaResults = new Map<string, Map<string, CellValue>>();
  const validations = new Map<string, SheetValidation[]>();
  const copy = new JSZip();
  const workbook = (await pkg.text(pkg.workbookPart)) ?? '';
  const workbookRels = await pkg.relationships(pkg.workbookPart);
  const partOf = (kind: string): string | null => {
    const rel = workbookRels.find((candidate) => relationshipKind(candidate.type) === kind);
    return rel ? pkg.targetPart(pkg.workbookPart, rel) : null;
  };

  const copiedRels: Relationship[] = [];
  for (const [kind, name] of [
    ['styles', 'styles.xml'],
    ['sharedStrings', 'sharedStrings.xml'],
  ] as const) {
    const part = partOf(kind);
    const text = part ? await pkg.text(part) : null;
    if (text === null) continue;
    copy.file(`xl/${name}`, text);
    copiedRels.push({ id: `rId${kind}`, type: RELATIONSHIP_TYPES[kind], target: name, external: false });
  }

  const sheetElements: string[] = [];
  let number = 0;
  for (const sheet of await pkg.sheets()) {
    const xml = sheet.kind === 'worksheet' && sheet.part ? await pkg.text(sheet.part) : null;
    if (xml === null || sheet.part === null) continue;
    number++;
    const id = `rIdSheet${number}`;
    copiedRels.push({ id, type: RELATIONSHIP_TYPES.worksheet, target: `worksheets/sheet${number}.xml`, external: false });
    sheetElements.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${number}" state="${sheet.state}" r:id="${id}"/>`);
    let readable = xml;
    for (const element of ELEMENTS_LEFT_OUT) readable = readable.replace(elementPattern(element), '');
    copy.file(`xl/worksheets/sheet${number}.xml`, readable);
    formulaResults.set(sheet.name, cachedFormulaResults(xml));
    validations.set(sheet.name, sheetValidations(xml));
    const sheetRels: Relationship[] = [];
    for (const rel of await pkg.relationships(sheet.part)) {
      const kind = relationshipKind(rel.type);
      if (kind === 'hyperlink') sheetRels.push(rel);
      const commentsPart = kind === 'comments' ? pkg.targetPart(sheet.part, rel) : null;
      const comments = commentsPart ? await pkg.text(commentsPart) : null;
      if (comments !== null) {
        copy.file(`xl/comments${number}.xml`, comments);
        sheetRels.push({ id: rel.id, type: RELATIONSHIP_TYPES.comments, target: `../comments${number}.xml`, external: false });
      }
    }
    if (sheetRels.length) copy.file(`xl/worksheets/_rels/sheet${number}.xml.rels`, relationshipsXml(sheetRels));
  }

  // Dates depend on the workbook's date system; defined names and views are not read.
  const properties = /<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(workbook)?.[0];
  const date1904 = properties !== undefined && /^(1|true)$/.test(attributes(properties).get('date1904') ?? '');
  copy.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
      `<workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${sheetElements.join('')}</sheets></workbook>`,
  );
  copy.file('xl/_rels/workbook.xml.rels', relationshipsXml(copiedRels));
  copy.file('_rels/.rels', relationshipsXml([{ id: 'rId1', type: `${RELATIONSHIPS_NS}/officeDocument`, target: 'xl/workbook.xml', external: false }]));
  return { bytes: await copy.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), formulaResults, validations };
}

/** The cached results of a sheet's formula cells, typed as the cells say (t="str", "b", "e", or a number). */
function cachedFormulaResults(xml: string): Map<string, CellValue> {
  const results = new Map<string, CellValue>();
  for (const [, tag, content] of xml.matchAll(/<(?:[\w.-]+:)?c\b([^>]*?)(?<!\/)>([\s\S]*?)<\/(?:[\w.-]+:)?c>/g)) {
    if (!/<(?:[\w.-]+:)?f\b/.test(content)) continue;
    const attrs = attributes(`<c ${tag}>`);
    const at = /^([A-Za-z]{1,3})(\d+)$/.exec(attrs.get('r') ?? '');
    const cached = /<(?:[\w.-]+:)?v\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(content);
    if (!at || !cached) continue;
    const text = unescapeXml(cached[1]);
    const type = attrs.get('t') ?? 'n';
    let value: CellValue;
    if (type === 'b') value = text === '1' || text === 'true';
    else if (type === 'str' || type === 'e' || type === 'inlineStr') value = text === '' ? null : text;
    else value = text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text);
    results.set(`${Number(at[2]) - 1},${columnIndex(at[1])}`, value);
  }
  return results;
}

function sheetValidations(xml: string): SheetValidation[] {
  const block = elementPattern('dataValidations', '').exec(xml)?.[0] ?? '';
  return Array.from(block.matchAll(elementPattern('dataValidation')), ([element]) => {
    const attrs = attributes(/^<[^>]*>/.exec(element)![0]);
    const formula = /<((?:[\w.-]+:)?)formula1\b[^>]*>([\s\S]*?)<\/\1formula1>/.exec(element)?.[2] ?? '';
    return {
      ranges: (attrs.get('sqref') ?? '')
        .split(/\s+/)
        .map(rangeOfA1)
        .filter((range): range is RangeRef => range !== null),
      type: attrs.get('type') ?? 'any',
      formula: unescapeXml(formula).trim().replace(/^=/, ''),
      showErrorMessage: /^(1|true)$/.test(attrs.get('showErrorMessage') ?? ''),
      errorStyle: attrs.get('errorStyle'),
    };
  });
}
