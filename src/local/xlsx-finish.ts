/**
 * The last pass over a workbook ExcelJS wrote: what ExcelJS cannot write goes in, and the package is
 * zipped by zlib (see zip-writer.ts). ExcelJS writes the package stored, not deflated: deflating in
 * JavaScript takes longer than this whole pass.
 *  - The rows of large tabs, below the head ExcelJS drew (see xlsx-large-tabs.ts).
 *  - Row heights stay automatic: ExcelJS marks every height it writes as set by hand
 *    (customHeight), which keeps a row from growing when someone edits its text in Excel.
 *  - Print titles, in workbook.xml (see xlsx-print.ts).
 */
import JSZip from 'jszip';
import { withLargeTabBody, type LargeTabBody } from './xlsx-large-tabs';
import { XlsxPackage } from './xlsx-package';
import { withPrintTitles, type PrintTitles } from './xlsx-print';
import { writeZip, type ZipEntry } from './zip-writer';

export interface Finishing {
  /** The body of each large tab, by sheet name. */
  bodies: ReadonlyMap<string, LargeTabBody>;
  printTitles: ReadonlyArray<PrintTitles>;
}

/** The workbook ExcelJS wrote (`rendered`), finished; every other part keeps its content. */
export async function finishWorkbook(rendered: Buffer, finishing: Finishing): Promise<Buffer> {
  const pkg = await XlsxPackage.open(rendered);
  const sheets = new Map<string, string>();
  for (const sheet of await pkg.sheets()) if (sheet.part && sheet.kind === 'worksheet') sheets.set(sheet.part.toLowerCase(), sheet.name);
  const workbookPart = pkg.workbookPart.toLowerCase();
  const zip = await JSZip.loadAsync(rendered);
  const entries: ZipEntry[] = [];
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const name = file.name.toLowerCase();
    const sheet = sheets.get(name);
    if (sheet !== undefined) {
      const xml = automaticRowHeights(await file.async('string'));
      const body = finishing.bodies.get(sheet);
      entries.push({ name: file.name, content: body ? withLargeTabBody(xml, body) : Buffer.from(xml, 'utf8') });
    } else if (name === workbookPart) {
      entries.push({ name: file.name, content: Buffer.from(withPrintTitles(await file.async('string'), finishing.printTitles), 'utf8') });
    } else {
      entries.push({ name: file.name, content: await file.async('uint8array') });
    }
  }
  return writeZip(entries);
}

/**
 * A sheet's rows with the heights ExcelJS wrote left automatic. Every height the add-on writes is one
 * that fits the row's text (core/tab/row-heights.ts); none is a person's choice, since rows are read
 * back without their heights.
 */
export function automaticRowHeights(sheetXml: string): string {
  return sheetXml.replace(/<row\b[^>]*>/g, (tag) => tag.replace(/\scustomHeight="1"/, ''));
}
