/**
 * The metrics tab is live: its formulas, exported to .xlsx and recalculated by LibreOffice headless,
 * give the core's numbers on every sample in demo/. The file is written with every formula's cached
 * value replaced by a sentinel, so a number read back was computed by LibreOffice, not copied.
 *
 * ExcelJS reads a cached 0 and a cached "" alike (no result), so the recalculated sheet is read from
 * its XML, where LibreOffice types each result (t="n" with <v>0</v>, t="str" with <v></v>).
 */
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildMetricsTab, computeMetrics, computeRawMetrics, parseMetricsGrid, parsePastedText, type MetricsResult } from '../../src/core/metrics';
import { a1, cellValue, isFormulaCell, type Cell, type CellValue, type TabSpec } from '../../src/core/tab/spec';
import { writeXlsx } from '../../src/local/xlsx';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, recalculateEachXlsx } from '../support/libreoffice';

const SENTINEL = -987654.321;
const demo = (name: string): CellValue[][] => parsePastedText(readFileSync(join(__dirname, '../../demo', name), 'utf8'));

/** The files of a zip archive (an .xlsx), by name: central directory, then each local entry. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return files;
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The results of the formula cells of the workbook's first sheet, by A1 address; "" for an empty text result. */
function formulaResults(xlsx: Buffer): Map<string, CellValue | string> {
  const files = unzip(xlsx);
  const sheet = files.get('xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error(`no first sheet in ${[...files.keys()].join(', ')}`);
  const results = new Map<string, CellValue | string>();
  for (const match of sheet.toString('utf8').matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, address, attributes, inner = ''] = match;
    if (!inner.includes('<f')) continue;
    const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? 'n';
    const v = /<v>([\s\S]*?)<\/v>|<v\/>/.exec(inner);
    const text = v ? decode(v[1] ?? '') : '';
    results.set(address, type === 'n' ? (text === '' ? null : Number(text)) : type === 'b' ? text === '1' : type === 'e' ? `#ERROR ${text}` : text);
  }
  return results;
}

/** A copy of the tab whose formulas cache the sentinel instead of the core's value. */
function withSentinels(spec: TabSpec): TabSpec {
  const blind = (cell: Cell): Cell => (isFormulaCell(cell) ? { formula: cell.formula, value: SENTINEL } : cell);
  return { ...spec, rows: spec.rows.map((row) => row.map(blind)) };
}

function tabOf(result: MetricsResult): TabSpec {
  return buildMetricsTab(result, 'zh-CN', { generatedAt: '2026-11-20 10:00' });
}

const rawResult = (): MetricsResult =>
  computeRawMetrics({ members: demo('raw-members.csv'), attendance: demo('raw-attendance.csv'), orders: demo('raw-orders.csv') }, { source: 'raw' });

/** The tabs LibreOffice recalculates, by sample (each a file name too). */
const SAMPLES = {
  'group-funnel': () => tabOf(computeMetrics(parseMetricsGrid(demo('group-funnel.tsv'), { tab: 'group-funnel' }))),
  'hybris-qq': () => tabOf(computeMetrics(parseMetricsGrid(demo('hybris-qq.tsv'), { tab: 'hybris-qq' }))),
  raw: () => tabOf(rawResult()),
  blanks: () => tabOf(computeMetrics(parseMetricsGrid(parsePastedText('群名称\t群人数\t到课人数\t成单人数\nA群\t100\t0\t0\nB群\t-\t20\t1\nC群\t0\t0\t-\n')))),
};
type Sample = keyof typeof SAMPLES;

let recalculating: Promise<Record<Sample, Map<string, CellValue | string>>> | undefined;

/** Every sample's tab as LibreOffice recalculated it: all written first, then recalculated with one LibreOffice start. */
function recalculatedSamples(): Promise<Record<Sample, Map<string, CellValue | string>>> {
  recalculating ??= (async () => {
    const dir = await fs.mkdtemp(join(os.tmpdir(), 'sop-metrics-lo-'));
    const samples = Object.keys(SAMPLES) as Sample[];
    const files = await Promise.all(
      samples.map(async (sample) => {
        const file = join(dir, `${sample}.xlsx`);
        await fs.writeFile(file, await writeXlsx([withSentinels(SAMPLES[sample]())]));
        return file;
      }),
    );
    const recalculated = await recalculateEachXlsx(files);
    return Object.fromEntries(samples.map((sample, i) => [sample, formulaResults(readFileSync(recalculated[i]))])) as Record<
      Sample,
      Map<string, CellValue | string>
    >;
  })();
  return recalculating;
}

/** Every formula of the sample's tab as LibreOffice computed it, against the value the core computed for it. */
async function expectLibreOfficeAgrees(sample: Sample): Promise<{ spec: TabSpec; results: Map<string, CellValue | string> }> {
  const spec = SAMPLES[sample]();
  const results = (await recalculatedSamples())[sample];
  let checked = 0;
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!isFormulaCell(cell)) return;
      const where = `${a1(r, c)} ${cell.formula}`;
      const computed = results.get(a1(r, c));
      const core = cell.value;
      if (typeof core === 'number') {
        expect({ where, computed: typeof computed === 'number' && Math.abs(computed - core) <= 1e-9 * Math.max(1, Math.abs(core)) ? core : computed }).toEqual({
          where,
          computed: core,
        });
      } else {
        expect({ where, computed }).toEqual({ where, computed: core === null ? '' : core });
      }
      checked++;
    }),
  );
  expect(checked).toBeGreaterThan(10);
  return { spec, results };
}

/** The A1 address of a cell of the tab, by the row's first cell and the header's label. */
function addressOf(spec: TabSpec, rowLabel: string, columnLabel: string): string {
  const r = spec.rows.findIndex((row) => cellValue(row[0]) === rowLabel);
  const c = spec.rows[0].map(cellValue).indexOf(columnLabel);
  return a1(r, c);
}

describeWithLibreOffice('the metrics tab recalculated by LibreOffice', () => {
  test(
    'group funnel: every formula equals the core, and the pooled total is 23.2%',
    async () => {
      const { spec, results } = await expectLibreOfficeAgrees('group-funnel');
      expect(results.get(addressOf(spec, '合计', '活动参与率'))).toBeCloseTo(0.232, 12);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  test(
    'hybris QQ group: conversion 2.75% and revenue ¥63,800, computed by the sheet',
    async () => {
      const { spec, results } = await expectLibreOfficeAgrees('hybris-qq');
      expect(results.get(addressOf(spec, '合计', '付费转化率'))).toBeCloseTo(0.0275, 12);
      expect(results.get(addressOf(spec, '合计', '收入'))).toBe(63800);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  test(
    'raw mode on the member, attendance and order lists: the row formulas over the distinct counts',
    async () => {
      const { spec, results } = await expectLibreOfficeAgrees('raw');
      expect(results.get(addressOf(spec, '合计（去重）', '活动参与率'))).toBeCloseTo(rawResult().total.metrics.participationRate as number, 12);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  test(
    'blanks stay blank and zeros stay zero: a missing input and a zero count',
    async () => {
      const { spec, results } = await expectLibreOfficeAgrees('blanks');
      expect(results.get(addressOf(spec, 'A群', '活动参与率'))).toBe(0);
      expect(results.get(addressOf(spec, 'B群', '活动参与率'))).toBe('');
      expect(results.get(addressOf(spec, 'C群', '活动参与率'))).toBe('');
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
