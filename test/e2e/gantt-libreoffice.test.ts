/**
 * The exported Gantt opened elsewhere: LibreOffice (headless) prints the xlsx the CLI wrote from the
 * sample plan, and the page images show the bars in the owners' colours. Then a person changes a
 * task's owner in the file (with ExcelJS, nothing regenerated) and prints again: that bar now has the
 * new owner's colour, because bars are conditional-format rules reading the owner cell.
 *
 * Locating the bar on the page: the owner colour also paints the legend swatches, which do not move.
 * The pixels in the old owner's colour before the change and not after it are the bar's; the test
 * checks that they form a bar (a horizontal strip, its done day in the done colour just left of it),
 * and that after the change every one of them has the new owner's colour.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { GANTT_COLORS } from '../../src/core/gantt/tab';
import { readTeamGrid } from '../../src/core/team/team';
import { runCli } from '../../src/local/cli';
import { parseDelimited } from '../../src/local/read-file';
import {
  describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, pdfToPngs, pdfToPpms, readPpm, xlsxToPdf, type RgbImage,
} from '../support/libreoffice';

const ROOT = path.join(__dirname, '../..');
const PLAN = path.join(ROOT, 'demo/push-plan.tsv');
const TEAM = path.join(ROOT, 'demo/team.tsv');
const GANTT_TAB = '甘特图·push-plan';
const DPI = 72;

describeWithLibreOffice('the exported Gantt in LibreOffice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-gantt-lo-'));
  });

  afterAll(async () => {
    // KEEP_E2E_OUTPUT=1 keeps the files and page images to look at.
    if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
  });

  /** Each page of the workbook printed by LibreOffice, as an image. */
  async function printed(xlsxPath: string, name: string): Promise<RgbImage[]> {
    const out = path.join(dir, name);
    const pdf = await xlsxToPdf(xlsxPath, out);
    if (process.env.KEEP_E2E_OUTPUT) await pdfToPngs(pdf, path.join(out, 'view'), DPI);
    return (await pdfToPpms(pdf, path.join(out, 'page'), DPI)).map(readPpm);
  }

  /** The xlsx after a person's edit: opened and saved with ExcelJS, the owner of one task changed on the Gantt tab. */
  async function edited(source: string, target: string, task: string, owner: string | null): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(source);
    const sheet = workbook.getWorksheet(GANTT_TAB);
    if (!sheet) throw new Error(`no ${GANTT_TAB} sheet`);
    if (owner !== null) {
      let found = false;
      sheet.eachRow((row) => {
        if (row.number > 4 && row.getCell(3).value === task && !found) {
          row.getCell(4).value = owner;
          found = true;
        }
      });
      if (!found) throw new Error(`no row for ${task}`);
    }
    await workbook.xlsx.writeFile(target);
    return target;
  }

  it(
    'bars take their owner’s Team colour, and a new owner’s colour after the owner cell changes, without regenerating',
    async () => {
      const exported = path.join(dir, 'plan.xlsx');
      const cli = await runCli(['gantt', '--tasks', PLAN, '--team', TEAM, '--out', exported, '--lang', 'zh'], { stdout: () => undefined, stderr: () => undefined });
      expect(cli).toBe(0);
      const team = readTeamGrid(parseDelimited(await fs.readFile(TEAM, 'utf8'), '\t'));
      const colorOf = (name: string): string => team.find((p) => p.name === name)!.color;
      const [oldOwner, newOwner] = [colorOf('孙悦'), colorOf('王蕾')];
      expect(oldOwner).not.toBe(newOwner);

      // Both files go through ExcelJS, so they differ only by the edit.
      const before = await printed(await edited(exported, path.join(dir, 'before.xlsx'), '海报与物料设计', null), 'before');
      const after = await printed(await edited(exported, path.join(dir, 'after.xlsx'), '海报与物料设计', '王蕾'), 'after');
      expect(after.length).toBe(before.length);

      // 海报与物料设计 runs 12-03 → 12-06 for 孙悦, 30% done: one day in the done colour, then three in 孙悦's.
      const bar: Array<{ page: number; x: number; y: number }> = [];
      before.forEach((image, page) => {
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            if (image.colorAt(x, y) === oldOwner && after[page].colorAt(x, y) !== oldOwner) bar.push({ page, x, y });
          }
        }
      });
      expect(bar.length).toBeGreaterThan(0);
      expect(new Set(bar.map((p) => p.page)).size).toBe(1);
      const page = bar[0].page;
      const xs = bar.map((p) => p.x);
      const ys = bar.map((p) => p.y);
      const box = { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
      const [width, height] = [box.right - box.left + 1, box.bottom - box.top + 1];
      // Three day columns (26 px each) by one row (20 px), filled: a bar, not a one-cell swatch.
      expect(width / height).toBeGreaterThan(2.5);
      expect(bar.length).toBeGreaterThan(0.9 * width * height);
      const middle = Math.round((box.top + box.bottom) / 2);
      expect(before[page].colorAt(box.left - 3, middle)).toBe(GANTT_COLORS.done);
      expect(before[page].colorAt(Math.round((box.left + box.right) / 2), middle)).toBe(oldOwner);

      // After the owner changed in the file, the same cells are in the new owner's colour; the done day stays done.
      const recoloured = bar.filter((p) => after[page].colorAt(p.x, p.y) === newOwner);
      expect(recoloured.length / bar.length).toBeGreaterThan(0.98);
      expect(after[page].colorAt(box.left - 3, middle)).toBe(GANTT_COLORS.done);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
