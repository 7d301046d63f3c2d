/**
 * LibreOffice (headless) and poppler for end-to-end checks of exported workbooks: recalculate an
 * .xlsx the way a spreadsheet would, print it to PDF, rasterise the PDF and read pixel colours.
 *
 * Install on Debian: apt-get install -y --no-install-recommends libreoffice-calc poppler-utils fonts-wqy-zenhei
 * Tests that use it run inside describeWithLibreOffice: skipped with a message when the tools are
 * missing, failing instead when REQUIRE_E2E=1 (CI that promises end-to-end coverage).
 */
import { execFile } from 'child_process';
import { accessSync, constants, existsSync, promises as fs, readFileSync, readdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isFormulaCell, type Cell, type CellValue, type TabSpec } from '../../src/core/tab/spec';
import { describeE2E } from './env';

/** Generous: LibreOffice's first start with a fresh profile takes a few seconds on a slow machine. */
const TOOL_TIMEOUT_MS = 120_000;

/**
 * Jest timeout for a test that starts LibreOffice: as long as the tool may take for the largest batch a
 * test hands one start (the print check converts 5 workbooks, each allowed TOOL_TIMEOUT_MS), since
 * with both cores busy the batch took 155 s of a former 240 s limit. A ceiling, not an expectation.
 */
export const LIBREOFFICE_TEST_TIMEOUT_MS = 5 * TOOL_TIMEOUT_MS;

function findOnPath(names: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not in this directory
      }
    }
  }
  return null;
}

/**
 * The LibreOffice binary (soffice or libreoffice), or null: the one build/test.mjs found
 * (SOP_SOFFICE, empty when it found none), else the first on PATH.
 */
export function findSoffice(): string | null {
  const fromRunner = process.env.SOP_SOFFICE;
  if (fromRunner !== undefined) return fromRunner || null;
  return findOnPath(['soffice', 'libreoffice']);
}

/** poppler's pdftoppm on PATH, or null. */
export function findPdftoppm(): string | null {
  return findOnPath(['pdftoppm']);
}

/** poppler's pdftotext on PATH (the same package as pdftoppm), or null. */
export function findPdftotext(): string | null {
  return findOnPath(['pdftotext']);
}

/** A describe block that needs LibreOffice and pdftoppm (see describeE2E). */
export function describeWithLibreOffice(title: string, body: () => void): void {
  const missing = [
    findSoffice() ? null : 'soffice (apt-get install -y --no-install-recommends libreoffice-calc fonts-wqy-zenhei)',
    findPdftoppm() && findPdftotext() ? null : 'pdftoppm and pdftotext (apt-get install -y poppler-utils)',
  ].filter((name): name is string => name !== null);
  describeE2E(title, missing, body);
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs ?? TOOL_TIMEOUT_MS, env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(`${stdout}${stderr}`);
      },
    );
  });
}

/**
 * Profile settings for a throw-away LibreOffice user installation: recalculate every formula when
 * an OOXML or ODF file is loaded (0 = always; LibreOffice's default trusts the cached results).
 */
const RECALCULATE_ON_LOAD_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Runs one `soffice --headless --convert-to` over every input (LibreOffice's start is most of a
 * conversion's time, so a suite converting several files converts them in one call), with a fresh
 * profile (so parallel test workers never share one, and the user's own settings never leak in).
 * Returns the converted files' paths, in the inputs' order.
 */
async function convertAll(inputPaths: string[], target: string, outDir: string): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is not on PATH');
  const extension = target.split(':')[0];
  const outputs = inputPaths.map((input) => path.join(outDir, `${path.basename(input, path.extname(input))}.${extension}`));
  if (new Set(outputs).size !== outputs.length) throw new Error(`two inputs would convert to the same file in ${outDir}: ${inputPaths.join(', ')}`);
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-lo-profile-'));
  try {
    await fs.mkdir(path.join(profile, 'user'), { recursive: true });
    await fs.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), RECALCULATE_ON_LOAD_XCU);
    await fs.mkdir(outDir, { recursive: true });
    const output = await run(
      soffice,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', target, '--outdir', outDir, ...inputPaths],
      { env: { ...process.env, HOME: profile }, timeoutMs: TOOL_TIMEOUT_MS * inputPaths.length },
    );
    // soffice exits 0 even when it could not convert; a missing file is the only sign.
    const notWritten = outputs.filter((converted) => !existsSync(converted));
    if (notWritten.length) throw new Error(`LibreOffice did not write ${notWritten.join(', ')}:\n${output}`);
    return outputs;
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
}

/** Prints every sheet of the workbook to one PDF in outDir; returns the PDF's path. */
export async function xlsxToPdf(xlsxPath: string, outDir: string): Promise<string> {
  return (await convertAll([xlsxPath], 'pdf', outDir))[0];
}

/** xlsxToPdf for several workbooks (their file names must differ), with one LibreOffice start. */
export function xlsxToPdfs(xlsxPaths: string[], outDir: string): Promise<string[]> {
  return convertAll(xlsxPaths, 'pdf', outDir);
}

/** A word as a PDF draws it: its page (0-based) and its box in points from the page's top-left corner. */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

/** The pages of a PDF with the words on them, as poppler's pdftotext -bbox finds them. */
export async function pdfPages(pdfPath: string): Promise<PdfPage[]> {
  const pdftotext = findPdftotext();
  if (!pdftotext) throw new Error('pdftotext (poppler-utils) is not on PATH');
  const html = await run(pdftotext, ['-bbox', pdfPath, '-']);
  const unescape = (text: string): string =>
    text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
  return Array.from(html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g), ([, width, height, body], page) => ({
    width: Number(width),
    height: Number(height),
    words: Array.from(
      body.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/word>/g),
      ([, xMin, yMin, xMax, yMax, text]) => ({ page, text: unescape(text), xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax) }),
    ),
  }));
}

/**
 * The pairs of words drawn over each other on a page: their boxes intersect by more than a sliver
 * (`tolerance`, a share of the smaller box's height and width, absorbs glyph boxes that touch).
 */
export function overlappingWords(words: PdfWord[], tolerance = 0.2): Array<[PdfWord, PdfWord]> {
  const overlaps: Array<[PdfWord, PdfWord]> = [];
  const sorted = [...words].sort((a, b) => a.page - b.page || a.yMin - b.yMin);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].page === a.page && sorted[j].yMin < a.yMax; j++) {
      const b = sorted[j];
      const height = Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
      const width = Math.min(a.xMax - a.xMin, b.xMax - b.xMin);
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (across > tolerance * Math.min(width, height) && down > tolerance * height) overlaps.push([a, b]);
    }
  }
  return overlaps;
}

/**
 * Loads the workbook in LibreOffice, recalculates all formulas and saves it as .xlsx in a new
 * temporary folder; returns that file's path. Reading it gives the values LibreOffice computed.
 */
export async function recalculateXlsx(inPath: string): Promise<string> {
  return (await recalculateEachXlsx([inPath]))[0];
}

/** recalculateXlsx for several workbooks (their file names must differ), with one LibreOffice start. */
export async function recalculateEachXlsx(inPaths: string[]): Promise<string[]> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-lo-recalc-'));
  return convertAll(inPaths, 'xlsx:Calc MS Excel 2007 XML', outDir);
}

async function rasterise(pdfPath: string, outPrefix: string, dpi: number, format: 'png' | 'ppm'): Promise<string[]> {
  const pdftoppm = findPdftoppm();
  if (!pdftoppm) throw new Error('pdftoppm (poppler-utils) is not on PATH');
  await fs.mkdir(path.dirname(outPrefix), { recursive: true });
  await run(pdftoppm, ['-r', String(dpi), ...(format === 'png' ? ['-png'] : []), pdfPath, outPrefix]);
  const dir = path.dirname(outPrefix);
  const stem = path.basename(outPrefix);
  // pdftoppm names pages "<prefix>-1.png", zero-padded to the page count's width ("-01" for 10+).
  const pageNumber = (file: string): number => Number(file.slice(stem.length + 1, -(format.length + 1)));
  return readdirSync(dir)
    .filter((file) => file.startsWith(`${stem}-`) && file.endsWith(`.${format}`) && Number.isInteger(pageNumber(file)))
    .sort((a, b) => pageNumber(a) - pageNumber(b))
    .map((file) => path.join(dir, file));
}

/** One PNG per PDF page (for people to look at); returns their paths in page order. */
export function pdfToPngs(pdfPath: string, outPrefix: string, dpi: number): Promise<string[]> {
  return rasterise(pdfPath, outPrefix, dpi, 'png');
}

/** One binary PPM (P6) per PDF page: trivial to decode without an image library. */
export function pdfToPpms(pdfPath: string, outPrefix: string, dpi: number): Promise<string[]> {
  return rasterise(pdfPath, outPrefix, dpi, 'ppm');
}

export interface RgbImage {
  width: number;
  height: number;
  /** "#rrggbb" of the pixel at (x, y), 0-based from the top-left corner. */
  colorAt(x: number, y: number): string;
}

/** Decodes a binary PPM (P6, maxval 255) as pdftoppm writes it. */
export function readPpm(ppmPath: string): RgbImage {
  const bytes = readFileSync(ppmPath);
  // Header: "P6", width, height, maxval, separated by whitespace (comments start with #), then one whitespace byte.
  const fields: string[] = [];
  let offset = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset]))) offset++;
    if (bytes[offset] === 0x23) {
      while (bytes[offset] !== 0x0a) offset++;
      continue;
    }
    let field = '';
    while (offset < bytes.length && !/\s/.test(String.fromCharCode(bytes[offset]))) field += String.fromCharCode(bytes[offset++]);
    fields.push(field);
  }
  offset++;
  const [magic, width, height, maxval] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P6' || maxval !== 255) throw new Error(`${ppmPath}: not an 8-bit binary PPM (${magic}, maxval ${maxval})`);
  const hex = (n: number): string => n.toString(16).padStart(2, '0');
  return {
    width,
    height,
    colorAt(x, y) {
      if (x < 0 || y < 0 || x >= width || y >= height) throw new Error(`(${x}, ${y}) is outside the ${width}×${height} image`);
      const at = offset + (Math.floor(y) * width + Math.floor(x)) * 3;
      return `#${hex(bytes[at])}${hex(bytes[at + 1])}${hex(bytes[at + 2])}`;
    },
  };
}

/** The "#rrggbb" colour of one pixel of a PPM page. */
export function pixelColorAt(ppmPath: string, x: number, y: number): string {
  return readPpm(ppmPath).colorAt(x, y);
}

/**
 * Each page of a workbook as LibreOffice prints it, as images. KEEP_E2E_OUTPUT=1 also writes PNG pages
 * into outDir for a person to look at.
 */
export async function printedPages(xlsxPath: string, outDir: string, dpi: number): Promise<RgbImage[]> {
  return (await printedPagesOfEach([xlsxPath], outDir, dpi))[0];
}

/** printedPages for several workbooks (their file names must differ), printed with one LibreOffice start. */
export async function printedPagesOfEach(xlsxPaths: string[], outDir: string, dpi: number): Promise<RgbImage[][]> {
  const pdfs = await convertAll(xlsxPaths, 'pdf', outDir);
  return Promise.all(
    pdfs.map(async (pdf) => {
      const stem = path.join(outDir, path.basename(pdf, '.pdf'));
      if (process.env.KEEP_E2E_OUTPUT) await pdfToPngs(pdf, `${stem}-view`, dpi);
      return (await pdfToPpms(pdf, `${stem}-page`, dpi)).map(readPpm);
    }),
  );
}

/**
 * What a formula cell's cached value is replaced with before LibreOffice recalculates a file, so a
 * value it reports must be one it computed (an untouched cache would read back as this).
 */
export const RECALCULATION_SENTINEL = -987654.321;

/** The tab with every formula's cached value replaced by RECALCULATION_SENTINEL. */
export function withSentinelCaches(spec: TabSpec): TabSpec {
  return { ...spec, rows: spec.rows.map((row) => row.map((cell: Cell) => (isFormulaCell(cell) ? { ...cell, value: RECALCULATION_SENTINEL } : cell))) };
}

/** Whether LibreOffice's value equals the expected one: blanks alike, numbers to 1e-9 relative, the rest exactly. */
export function sameRecalculatedValue(expected: CellValue, actual: CellValue): boolean {
  const blank = (value: CellValue) => value === null || value === '';
  if (blank(expected) || blank(actual)) return blank(expected) && blank(actual);
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  return expected === actual;
}
