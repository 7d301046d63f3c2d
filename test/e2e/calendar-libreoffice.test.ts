/**
 * The exported calendar opened elsewhere: LibreOffice (headless, recalculating on load) prints the
 * xlsx the CLI wrote from the sample list, and the page images show the month with type colours.
 * Then a person changes the type of the first camp in the list (with ExcelJS, nothing regenerated)
 * and prints again: the camp's day cells lose the 训练营 colour and take the 其他 one, because the
 * slots are formulas over the list and the colours conditional formats over the slot text.
 *
 * Locating the camp's cells on the page: the 训练营 colour also paints the legend and the second
 * camp, which do not change. The pixels in that colour before the edit and not after it are the first
 * camp's three day cells (December 1–3, side by side in the first week).
 *
 * Drafts: the xlsx of Draft month shows them in the draft style (grey italics on light grey, keyed on
 * the 草稿· the slot formula puts in front), as LibreOffice computes the slots; set to 计划中 in the
 * list, they take their type colours.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { DRAFT_STYLE } from '../../src/core/calendar/activities';
import { TYPE_COLORS } from '../../src/core/calendar/tab';
import { runCli } from '../../src/local/cli';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, printedPagesOfEach, recalculateXlsx, type RgbImage } from '../support/libreoffice';

const DPI = 72;

describeWithLibreOffice('the exported calendar in LibreOffice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-calendar-lo-'));
  });

  afterAll(async () => {
    // KEEP_E2E_OUTPUT=1 keeps the files and page images to look at.
    if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
  });

  /** The xlsx after a person's edit: opened and saved with ExcelJS, one type cell of the list changed. */
  async function edited(source: string, target: string, newType: string | null): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(source);
    const list = workbook.getWorksheet('活动列表');
    if (!list) throw new Error('no 活动列表 sheet');
    expect(list.getCell('A2').value).toBe('JAVA入门3天训练营(12期)');
    if (newType !== null) list.getCell('B2').value = newType;
    await workbook.xlsx.writeFile(target);
    return target;
  }

  function pixels(images: RgbImage[], test: (page: number, x: number, y: number) => boolean): Array<{ page: number; x: number; y: number }> {
    const found: Array<{ page: number; x: number; y: number }> = [];
    images.forEach((image, page) => {
      for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (test(page, x, y)) found.push({ page, x, y });
    });
    return found;
  }

  it(
    'the month prints with type colours; a camp turned into 其他 in the list loses the 训练营 colour on its days',
    async () => {
      const exported = path.join(dir, 'december.xlsx');
      expect(await runCli(['calendar', '--month', '2026-12', '--out', exported, '--lang', 'zh'], { stdout: () => undefined, stderr: () => undefined })).toBe(0);

      const [before, after] = await printedPagesOfEach(
        [await edited(exported, path.join(dir, 'before.xlsx'), null), await edited(exported, path.join(dir, 'after.xlsx'), '其他')],
        path.join(dir, 'printed'),
        DPI,
      );
      expect(after.length).toBe(before.length);

      const camp = TYPE_COLORS.camp;
      // Every type of the sample shows in its colour somewhere on the printed month.
      for (const type of ['camp', 'marketingClass', 'survey', 'promotion', 'dailyContent'] as const) {
        expect(pixels(before, (page, x, y) => before[page].colorAt(x, y) === TYPE_COLORS[type]).length).toBeGreaterThan(100);
      }

      const firstCamp = pixels(before, (page, x, y) => before[page].colorAt(x, y) === camp && after[page].colorAt(x, y) !== camp);
      expect(firstCamp.length).toBeGreaterThan(0);
      // The tab prints one page wide (landscape, fitted to the width): the camp's three days are on one page.
      const pages = [...new Set(firstCamp.map((p) => p.page))];
      expect(pages.length).toBe(1);
      for (const page of pages) {
        const onPage = firstCamp.filter((p) => p.page === page);
        const xs = onPage.map((p) => p.x);
        const ys = onPage.map((p) => p.y);
        const box = { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
        // Day cells side by side in one slot row: a wide strip, mostly filled (text is drawn over it).
        expect((box.right - box.left + 1) / (box.bottom - box.top + 1)).toBeGreaterThan(4);
        expect(onPage.length).toBeGreaterThan(0.6 * (box.right - box.left + 1) * (box.bottom - box.top + 1));
        // Not a pixel of the strip keeps the 训练营 colour after the edit.
        let kept = 0;
        for (let y = box.top; y <= box.bottom; y++) for (let x = box.left; x <= box.right; x++) if (after[page].colorAt(x, y) === camp) kept++;
        expect(kept).toBe(0);
      }
      // After the edit those cells are in the 其他 colour; the second camp and the legend keep the 训练营 one.
      const recoloured = firstCamp.filter((p) => after[p.page].colorAt(p.x, p.y) === TYPE_COLORS.other);
      // (The rest are the new text's glyphs, drawn where the old text was not.)
      expect(recoloured.length / firstCamp.length).toBeGreaterThan(0.7);
      expect(pixels(after, (p, x, y) => after[p].colorAt(x, y) === camp).length).toBeGreaterThan(100);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'drafts print in the draft style from the slots LibreOffice computes; agreed in the list, they take their type colours',
    async () => {
      const drafted = path.join(dir, 'drafted.xlsx');
      expect(
        await runCli(['calendar', '--draft', '--month', '2026-12', '--out', drafted, '--lang', 'zh'], { stdout: () => undefined, stderr: () => undefined }),
      ).toBe(0);

      // LibreOffice computes the draft's slot with its 草稿· prefix, as the core wrote it.
      const recalculated = new ExcelJS.Workbook();
      await recalculated.xlsx.readFile(await recalculateXlsx(drafted));
      const slots: string[] = [];
      recalculated.getWorksheet('2026-12 活动日历')?.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value as { result?: unknown } | string | null;
          if (value && typeof value === 'object' && typeof value.result === 'string') slots.push(value.result);
        }),
      );
      expect(slots).toContain('草稿·【促销活动】大雪限时抵扣券 · 未分配');
      expect(slots).toContain('【促销活动】双12限时拼团 · 陈默');

      // A person agrees to every draft in the list (ExcelJS; nothing regenerated).
      const agreed = path.join(dir, 'agreed.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(drafted);
      const list = workbook.getWorksheet('活动清单');
      if (!list) throw new Error('no 活动清单 sheet');
      let changed = 0;
      list.eachRow((row) => {
        if (row.getCell(8).value === '草稿') {
          row.getCell(8).value = '计划中';
          changed++;
        }
      });
      expect(changed).toBeGreaterThan(3);
      await workbook.xlsx.writeFile(agreed);

      const [before, after] = await printedPagesOfEach([drafted, agreed], path.join(dir, 'printed-drafts'), DPI);
      const count = (images: RgbImage[], color: string) => pixels(images, (page, x, y) => images[page].colorAt(x, y) === color).length;
      const draftBefore = count(before, DRAFT_STYLE.background);
      const draftAfter = count(after, DRAFT_STYLE.background);
      // Before: the draft rows of the list and the draft slots of the calendar; after: only the legend's sample.
      expect(draftBefore).toBeGreaterThan(draftAfter + 1000);
      expect(draftAfter).toBeGreaterThan(0);
      expect(count(after, TYPE_COLORS.promotion)).toBeGreaterThan(count(before, TYPE_COLORS.promotion));
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
