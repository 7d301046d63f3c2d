/**
 * The SOP tab's formulas computed by a real spreadsheet engine: the grid goes into an .xlsx with
 * ExcelJS (formulas with the core's cached values), LibreOffice recalculates it, and every formula
 * must come back with the value the core computed. TODAY() is LibreOffice's own today, so the tab
 * is built for the same day.
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serialFromYmd } from '../../../src/core/dates';
import { isFormulaCell } from '../../../src/core/tab/spec';
import { generateSop } from '../../../src/core/sop/generate';
import { buildSopTab } from '../../../src/core/sop/tab';
import { builtInTemplate } from '../../../src/core/sop/templates';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, recalculateEachXlsx } from '../../support/libreoffice';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

type Lang = 'zh-CN' | 'en';
const LANGS: Lang[] = ['zh-CN', 'en'];
type Recalculated = { spec: ReturnType<typeof buildSopTab>; rowCount: number; file: string };

describeWithLibreOffice('SOP tab formulas in LibreOffice', () => {
  /** Each language's tab, written to its own .xlsx, then recalculated together with one LibreOffice start. */
  let recalculating: Promise<Record<Lang, Recalculated>> | undefined;
  function recalculatedTabs() {
    recalculating ??= (async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-formulas-'));
      const tabs = await Promise.all(LANGS.map((lang) => sopWorkbook(lang, path.join(dir, `sop-${lang}.xlsx`))));
      const recalculated = await recalculateEachXlsx(tabs.map((tab) => tab.file));
      return Object.fromEntries(LANGS.map((lang, i) => [lang, { ...tabs[i], file: recalculated[i] }])) as Record<Lang, Recalculated>;
    })();
    return recalculating;
  }

  async function sopWorkbook(lang: Lang, file: string) {
    const now = new Date();
    const today = serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
    const template = builtInTemplate('big-class-28d', lang);
    const anchor = today - 10;
    const team = [
      { name: '林晓', role: 'operator' as const, email: '', color: '#4e79a7' },
      { name: '赵老师', role: 'lecturer' as const, email: '', color: '#59a14f' },
      { name: '陈默', role: 'advisor' as const, email: '', color: '#f28e2b' },
    ];
    const { rows } = generateSop({ template, anchor, group: 'G', cohort: 'C', team, lang, markCalendar: true });
    const labels = lang === 'zh-CN' ? ['已完成', '进行中', '取消', '已移除'] : ['Done', 'In progress', 'Cancelled', 'Removed'];
    rows.forEach((row, i) => {
      if (i % 4 === 0) row.status = labels[0];
      if (i % 9 === 1) row.status = labels[1];
      if (i === 6) row.status = labels[2];
      if (i === 7) row.status = labels[3];
      // Rows nobody owns, counted under 未分配 / Unassigned, whatever the team: one without an item is no task.
      // The last rows too: LibreOffice may read a whole column only as far as its last value.
      if (i % 5 === 2 || i >= rows.length - 2) row.owner = '';
      if (i === 12) row.item = '';
    });
    const spec = buildSopTab({ rows, group: 'G', cohort: 'C', template, anchor, lang, teamTabName: null, markCalendar: true, today, generatedAt: '' });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('SOP');
    spec.rows.forEach((line, r) =>
      line.forEach((cell, c) => {
        const target = sheet.getCell(r + 1, c + 1);
        if (isFormulaCell(cell)) target.value = { formula: cell.formula.slice(1), result: cell.value as ExcelJS.CellValue } as ExcelJS.CellFormulaValue;
        else if (cell !== null) target.value = cell;
      }),
    );
    await workbook.xlsx.writeFile(file);
    return { spec, rowCount: rows.length, file };
  }

  test.each(LANGS)(
    'every formula recalculates to the value the core cached (%s)',
    async (lang) => {
      const { spec, rowCount, file } = (await recalculatedTabs())[lang];
      const recalculated = new ExcelJS.Workbook();
      await recalculated.xlsx.readFile(file);
      const back = recalculated.worksheets[0];

      let checked = 0;
      spec.rows.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (!isFormulaCell(cell)) return;
          const value = back.getCell(r + 1, c + 1).value as ExcelJS.CellFormulaValue | null;
          const isFormula = value !== null && typeof value === 'object' && 'formula' in value;
          // ExcelJS reads a formula whose saved result is <v>0</v> without a result.
          let result: unknown = isFormula ? (value.result ?? (typeof cell.value === 'number' ? 0 : undefined)) : value;
          if (result instanceof Date) result = (result.getTime() - EXCEL_EPOCH_MS) / 86400000;
          const got = typeof result === 'number' && typeof cell.value === 'number' ? Math.round(result * 1e9) / 1e9 : result;
          const want = typeof cell.value === 'number' ? Math.round(cell.value * 1e9) / 1e9 : cell.value;
          if (cell.value === '') expect([undefined, '', null]).toContain(got);
          else expect({ at: `${r + 1}:${c + 1}`, formula: cell.formula, value: got }).toEqual({ at: `${r + 1}:${c + 1}`, formula: cell.formula, value: want });
          checked++;
        }),
      );
      expect(checked).toBeGreaterThan(rowCount);
      // Among them the count of rows nobody owns, an empty-cell criterion over whole columns.
      const unassigned = spec.rows.find((line) => line.includes(lang === 'zh-CN' ? '未分配' : 'Unassigned')) ?? [];
      const counts = unassigned.filter(isFormulaCell).filter((cell) => cell.formula.startsWith('=COUNTIFS('));
      expect(counts[0]?.formula).toContain(',"",');
      expect(counts[0]?.value).toBeGreaterThan(5);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
