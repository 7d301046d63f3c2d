/**
 * Every generated tab prints well from the .xlsx: LibreOffice (headless) prints the demo workbook's
 * SOP, Gantt, calendar, metrics and Team tabs to PDF, each from a file where it is the only visible
 * sheet, all in one LibreOffice start. On every page poppler's pdftotext finds the words and their
 * boxes:
 *  - one page wide: every page holds both the leftmost and the rightmost text of the tab's repeated
 *    header (a tab two pages wide would print its right half on pages of their own), on A4;
 *  - the header rows are repeated on every page, and the long SOP tab does take several pages;
 *  - no two words are drawn over each other (wrapped 话术 and calendar entries in rows too short for
 *    them would be);
 *  - the Gantt's month labels each stand alone, as the tab holds them, none run into the next.
 * KEEP_E2E_OUTPUT=1 keeps the files, with PNG pages to look at.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCalendar } from '../../src/app/calendar';
import { generateGantt } from '../../src/app/gantt';
import { computeMetricsTab } from '../../src/app/metrics';
import { generateSopTabs } from '../../src/app/sop';
import { fromIso, serialFromYmd, type DaySerial } from '../../src/core/dates';
import { MONTH_ROW } from '../../src/core/gantt/columns';
import { printSetupOf } from '../../src/core/tab/print';
import { cellValue, type TabSpec } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';
import { writeXlsx } from '../../src/local/xlsx';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, overlappingWords, pdfPages, pdfToPngs, xlsxToPdfs, type PdfPage } from '../support/libreoffice';

const TODAY = fromIso('2026-12-09') as DaySerial;
const KINDS = ['sop', 'gantt', 'calendar', 'metrics', 'team'] as const;
type Kind = (typeof KINDS)[number];

/** A4 in points, either way round. */
const A4 = [595, 842];

/** What a page's text holds, with the spaces pdftotext puts between words (and cell texts' own) left out. */
const pageText = (page: PdfPage): string =>
  page.words
    .map((word) => word.text)
    .join('')
    .replace(/\s+/g, '');
const squeezed = (text: string): string => text.replace(/\s+/g, '');

/** The leftmost and rightmost texts of the rows a tab repeats on every page, in its visible columns. */
function headerEnds(spec: TabSpec): { first: string; last: string } {
  const rows = printSetupOf(spec)?.repeatRows ?? 0;
  const texts: Array<{ col: number; text: string }> = [];
  for (let r = 0; r < rows; r++) {
    (spec.rows[r] ?? []).forEach((cell, col) => {
      const value = cellValue(cell);
      if (typeof value === 'string' && value.trim() !== '' && !spec.columns[col]?.hidden) texts.push({ col, text: value });
    });
  }
  texts.sort((a, b) => a.col - b.col);
  return { first: texts[0].text, last: texts[texts.length - 1].text };
}

describeWithLibreOffice('every generated tab printed by LibreOffice', () => {
  let dir: string;
  const specs = new Map<Kind, TabSpec>();
  let printing: Promise<Map<Kind, PdfPage[]>> | undefined;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-print-lo-'));
  });

  afterAll(async () => {
    if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
  });

  /** The demo workbook with every feature's tab, each printed from a file where only it is visible. */
  function printed(): Promise<Map<Kind, PdfPage[]>> {
    printing ??= (async () => {
      const ctx = createDemoContext({ today: TODAY });
      generateSopTabs(ctx, { template: 'big-class-28d', anchor: '2026-12-01', groups: '28天大课1群', cohort: '12期' });
      // Rows a team added by hand below the generated ones: a tab long enough for several pages at any column widths.
      const sopTab = ctx.workbook.tabs.find((tab) => tab.marker?.kind === 'sop')!;
      const header = sopTab.spec.rows[0].map(cellValue);
      const [dateCol, itemCol] = [header.indexOf('日期'), header.indexOf('事项')];
      const generated = sopTab.spec.rows.length;
      for (let i = 0; i < 80; i++) {
        ctx.workbook.setCell(sopTab.spec.name, generated + i, dateCol, serialFromYmd(2026, 12, 1 + (i % 28)));
        ctx.workbook.setCell(sopTab.spec.name, generated + i, itemCol, `手动加的跟进事项 ${i + 1}`);
      }
      generateGantt(ctx, { planTab: '推进表' });
      generateCalendar(ctx, { month: '2026-12', list: '活动列表' });
      computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
      const tabs = ctx.workbook.tabs;
      const files: string[] = [];
      for (const kind of KINDS) {
        const tab = tabs.find((candidate) => candidate.marker?.kind === kind);
        if (!tab) throw new Error(`the demo workbook has no ${kind} tab`);
        specs.set(kind, tab.spec);
        const file = path.join(dir, `${kind}.xlsx`);
        const others = tabs.filter((other) => other !== tab).map((other) => ({ spec: other.spec, marker: other.marker, hidden: true }));
        await fs.writeFile(file, await writeXlsx([{ spec: tab.spec, marker: tab.marker }, ...others]));
        files.push(file);
      }
      const pdfs = await xlsxToPdfs(files, path.join(dir, 'printed'));
      const pages = new Map<Kind, PdfPage[]>();
      for (const [index, kind] of KINDS.entries()) {
        if (process.env.KEEP_E2E_OUTPUT) await pdfToPngs(pdfs[index], path.join(dir, 'printed', `${kind}-page`), 72);
        pages.set(kind, await pdfPages(pdfs[index]));
      }
      return pages;
    })();
    return printing;
  }

  it.each(KINDS)(
    'the %s tab prints one page wide on A4, its header on every page, no words drawn over each other',
    async (kind) => {
      const pages = (await printed()).get(kind)!;
      const spec = specs.get(kind)!;
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) expect([Math.round(page.width), Math.round(page.height)].sort((a, b) => a - b)).toEqual(A4);
      const { first, last } = headerEnds(spec);
      pages.forEach((page, index) => {
        const text = pageText(page);
        expect({ page: index + 1, first: text.includes(squeezed(first)), last: text.includes(squeezed(last)) }).toEqual({
          page: index + 1,
          first: true,
          last: true,
        });
      });
      const overlaps = overlappingWords(pages.flatMap((page) => page.words)).map(
        ([a, b]) => `page ${a.page + 1}: "${a.text}" (${a.xMin.toFixed(0)},${a.yMin.toFixed(0)}) over "${b.text}" (${b.xMin.toFixed(0)},${b.yMin.toFixed(0)})`,
      );
      expect(overlaps).toEqual([]);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'the long SOP tab takes several pages, each starting with the column headers',
    async () => {
      const pages = (await printed()).get('sop')!;
      expect(pages.length).toBeGreaterThan(1);
      const headers = (specs.get('sop')!.rows[0] ?? []).map(cellValue).filter((value): value is string => typeof value === 'string' && value !== '');
      for (const page of pages) {
        const top = Math.min(...page.words.map((word) => word.yMin));
        const firstLine = page.words.filter((word) => word.yMin < top + 4).map((word) => word.text);
        expect(firstLine).toEqual(expect.arrayContaining(['日期', '事项', '话术', '执行人', '状态']));
        expect(headers).toEqual(expect.arrayContaining(['日期', '事项', '话术', '执行人', '状态']));
      }
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'the Gantt’s month labels print each on its own, as the tab holds them',
    async () => {
      const pages = (await printed()).get('gantt')!;
      const labels = (specs.get('gantt')!.rows[MONTH_ROW] ?? [])
        .slice(1)
        .map(cellValue)
        .filter((value): value is string => typeof value === 'string' && /月/.test(value));
      expect(labels.length).toBeGreaterThan(0);
      expect(new Set(labels).size).toBe(labels.length);
      const words = pages[0].words.map((word) => word.text);
      for (const label of labels) expect(words).toContain(label);
      // No word holds two months: a label that ran into the next one would print as one word.
      expect(words.filter((word) => (word.match(/月/g) ?? []).length > 1)).toEqual([]);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
