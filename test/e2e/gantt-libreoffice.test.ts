/**
 * The exported Gantt opened elsewhere: LibreOffice (headless) prints the xlsx the CLI wrote from the
 * sample plan, and the page images show the bars in the owners' colours. Then a person changes a
 * task's owner in the file (with ExcelJS, nothing regenerated) and prints again: that bar now has the
 * new owner's colour, because bars are conditional-format rules reading the owner cell. The owner
 * may be changed on the Gantt sheet itself, or on the plan sheet: the Gantt's owner cell is a
 * formula looking the task up in the plan, which LibreOffice recalculates.
 *
 * Locating the bar on the page: the owner colour also paints the legend swatches, which do not move,
 * and the swatch of the owner's header in the task lists, which goes with the owner's last task. The
 * pixels in the old owner's colour before the change and not after it, in the topmost strip, are the bar's; the test
 * checks that they form a bar (a horizontal strip, its done day in the done colour just left of it),
 * and that after the change every one of them has the new owner's colour.
 */
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { generateGantt } from '../../src/app/gantt';
import { serialFromYmd } from '../../src/core/dates';
import { doneColorOf } from '../../src/core/gantt/tab';
import { a1, isFormulaCell, type Cell, type CellValue, type TabSpec } from '../../src/core/tab/spec';
import { readTeamGrid } from '../../src/core/team/team';
import { runCli } from '../../src/local/cli';
import { createDemoContext } from '../../src/local/demo';
import { parseDelimited } from '../../src/local/read-file';
import { readXlsx, writeXlsx } from '../../src/local/xlsx';
import {
  describeWithLibreOffice,
  LIBREOFFICE_TEST_TIMEOUT_MS,
  printedPagesOfEach,
  recalculateEachXlsx,
  recalculateXlsx,
  type RgbImage,
} from '../support/libreoffice';

const ROOT = path.join(__dirname, '../..');
const PLAN = path.join(ROOT, 'demo/push-plan.tsv');
const TEAM = path.join(ROOT, 'demo/team.tsv');
const PLAN_TAB = 'push-plan';
const GANTT_TAB = '甘特图·push-plan';
const DPI = 72;
/** 1-based columns of the task name and the owner on each sheet. */
const COLUMNS = { [PLAN_TAB]: { task: 2, owner: 5 }, [GANTT_TAB]: { task: 3, owner: 4 } };

describeWithLibreOffice('the exported Gantt in LibreOffice', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-gantt-lo-'));
  });

  afterAll(async () => {
    // KEEP_E2E_OUTPUT=1 keeps the files and page images to look at.
    if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
  });

  /** The xlsx after a person's edit: opened and saved with ExcelJS, the owner of one task changed on one sheet. */
  async function edited(
    source: string,
    target: string,
    edit: { sheet: typeof PLAN_TAB | typeof GANTT_TAB; task: string; owner: string } | null,
  ): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(source);
    if (edit) {
      const sheet = workbook.getWorksheet(edit.sheet);
      if (!sheet) throw new Error(`no ${edit.sheet} sheet`);
      const columns = COLUMNS[edit.sheet];
      let found = false;
      sheet.eachRow((row) => {
        if (row.getCell(columns.task).value === edit.task && !found) {
          row.getCell(columns.owner).value = edit.owner;
          found = true;
        }
      });
      if (!found) throw new Error(`no row for ${edit.task} on ${edit.sheet}`);
    }
    await workbook.xlsx.writeFile(target);
    return target;
  }

  const team = readTeamGrid(parseDelimited(readFileSync(TEAM, 'utf8'), '\t'));
  const colorOf = (name: string): string => team.find((p) => p.name === name)!.color;

  type Printed = { before: RgbImage[] } & Record<typeof PLAN_TAB | typeof GANTT_TAB, RgbImage[]>;
  let printing: Promise<Printed> | undefined;
  /**
   * The CLI's workbook after an ExcelJS round trip ("before", so the other prints differ from it only by
   * their edit), and after 海报与物料设计's owner became 王蕾 on each sheet: printed once, with one LibreOffice start.
   */
  function printedWorkbooks(): Promise<Printed> {
    printing ??= (async () => {
      const exported = path.join(dir, 'plan.xlsx');
      const cli = await runCli(['gantt', '--tasks', PLAN, '--team', TEAM, '--out', exported, '--lang', 'zh'], {
        stdout: () => undefined,
        stderr: () => undefined,
      });
      expect(cli).toBe(0);
      const ownerChangedOn = (sheet: typeof PLAN_TAB | typeof GANTT_TAB) =>
        edited(exported, path.join(dir, `after-${sheet}.xlsx`), { sheet, task: '海报与物料设计', owner: '王蕾' });
      const files = [await edited(exported, path.join(dir, 'before.xlsx'), null), await ownerChangedOn(GANTT_TAB), await ownerChangedOn(PLAN_TAB)];
      const [before, onGantt, onPlan] = await printedPagesOfEach(files, path.join(dir, 'printed'), DPI);
      return { before, [GANTT_TAB]: onGantt, [PLAN_TAB]: onPlan } as Printed;
    })();
    return printing;
  }

  /**
   * 海报与物料设计 runs 12-03 → 12-06 for 孙悦, 30% done: one day in 孙悦's colour darkened, then three in
   * 孙悦's. After its owner became 王蕾 (on `sheet`), the same cells are in 王蕾's colour.
   */
  async function expectBarRecoloured(sheet: typeof PLAN_TAB | typeof GANTT_TAB): Promise<void> {
    const printed = await printedWorkbooks();
    const [before, after] = [printed.before, printed[sheet]];
    const [oldOwner, newOwner] = [colorOf('孙悦'), colorOf('王蕾')];
    expect(oldOwner).not.toBe(newOwner);
    expect(after.length).toBe(before.length);

    const changed: Array<{ page: number; x: number; y: number }> = [];
    before.forEach((image, page) => {
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          if (image.colorAt(x, y) === oldOwner && after[page].colorAt(x, y) !== oldOwner) changed.push({ page, x, y });
        }
      }
    });
    // The per-owner task lists below the bars are live too: the old owner's list header, with its swatch,
    // is gone after the change. The bar is the first changed strip: on the first page, within a row's height of the top.
    expect(changed.length).toBeGreaterThan(0);
    const firstPage = Math.min(...changed.map((p) => p.page));
    const top = Math.min(...changed.filter((p) => p.page === firstPage).map((p) => p.y));
    const bar = changed.filter((p) => p.page === firstPage && p.y <= top + 24);
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
    expect(before[page].colorAt(box.left - 3, middle)).toBe(doneColorOf(oldOwner));
    expect(before[page].colorAt(Math.round((box.left + box.right) / 2), middle)).toBe(oldOwner);

    // After the owner changed in the file, the same cells are in the new owner's colour; the done day stays done, in the new owner's darker colour.
    const recoloured = bar.filter((p) => after[page].colorAt(p.x, p.y) === newOwner);
    expect(recoloured.length / bar.length).toBeGreaterThan(0.98);
    expect(after[page].colorAt(box.left - 3, middle)).toBe(doneColorOf(newOwner));
  }

  it(
    'bars take their owner’s Team colour, and a new owner’s colour after the owner cell on the Gantt sheet changes, without regenerating',
    () => expectBarRecoloured(GANTT_TAB),
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'changing the owner on the plan sheet recolours the bar once LibreOffice recalculates, without regenerating',
    () => expectBarRecoloured(PLAN_TAB),
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'the workload block and the per-owner task lists follow an owner changed on the Gantt sheet or the plan sheet once LibreOffice recalculates',
    async () => {
      const exported = path.join(dir, 'workload.xlsx');
      const cli = await runCli(['gantt', '--tasks', PLAN, '--team', TEAM, '--out', exported, '--lang', 'zh'], {
        stdout: () => undefined,
        stderr: () => undefined,
      });
      expect(cli).toBe(0);
      const sheets = [GANTT_TAB, PLAN_TAB] as const;
      const files = await Promise.all(
        sheets.map((sheet) => edited(exported, path.join(dir, `workload-${sheet}.xlsx`), { sheet, task: '海报与物料设计', owner: '王蕾' })),
      );
      const recalculated = await recalculateEachXlsx([exported, ...files]);
      const ganttOf = async (file: string) => (await readXlsx(await fs.readFile(file))).find((tab) => tab.name === GANTT_TAB)!.values;
      const workload = (values: CellValue[][]) => {
        const footer = values.findIndex((cells) => cells?.[0] === '负责人与工作量');
        const line = (owner: string) => values.find((cells, r) => r > footer && cells?.[1] === owner)!.slice(2, 5);
        return {
          sun: line('孙悦'),
          wang: line('王蕾'),
          headers: values.flatMap((cells) => (typeof cells?.[1] === 'string' && /（\d+ 项）$/.test(cells[1]) ? [cells[1]] : [])),
        };
      };
      const before = workload(await ganttOf(recalculated[0]));
      // 海报与物料设计 (12-03 → 12-06) is 孙悦's only task; 王蕾's 话术库整理 (12-04 → 12-07) shares three of its days.
      expect(before.sun).toEqual([1, 4, 0]);
      expect(before.headers).toContain('孙悦（1 项）');
      for (const file of recalculated.slice(1)) {
        const after = workload(await ganttOf(file));
        expect(after.sun).toEqual([0, 0, 0]);
        expect(after.wang).toEqual([(before.wang[0] as number) + 1, (before.wang[1] as number) + 1, 0]);
        expect(after.headers).not.toContain('孙悦（1 项）');
        expect(after.headers).toContain(`王蕾（${(before.wang[0] as number) + 1} 项）`);
      }
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );

  it(
    'LibreOffice computes every link to the plan (by name, by ID, a quoted tab name) as the core cached it',
    async () => {
      const ctx = createDemoContext({ today: serialFromYmd(2026, 11, 23) });
      const day = (d: number) => serialFromYmd(2026, 12, d);
      ctx.workbook.addPlainTab("Q4 'launch' 计划", [
        ['ID', '事项', '负责人', '开始日期', '结束日期', '进度', '状态'],
        [7, '定主题', '林晓', day(1), day(2), 0.5, '进行中'],
        ['B-2', '“预热”海报', '孙悦', day(3), day(4), null, null],
      ]);
      generateGantt(ctx, { planTab: '推进表' });
      generateGantt(ctx, { planTab: "Q4 'launch' 计划" });
      const gantts = ctx.workbook.tabs.filter((tab) => tab.marker?.kind === 'gantt').map((tab) => tab.spec);
      // Every formula caches a sentinel, so a value read back was computed by LibreOffice.
      const SENTINEL = -987654.321;
      const blind = (spec: TabSpec): TabSpec => ({
        ...spec,
        rows: spec.rows.map((row) => row.map((cell: Cell) => (isFormulaCell(cell) ? { ...cell, value: SENTINEL } : cell))),
      });
      const file = path.join(dir, 'links.xlsx');
      await fs.writeFile(
        file,
        await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.marker?.kind === 'gantt' ? blind(tab.spec) : tab.spec, marker: tab.marker }))),
      );
      const read = await readXlsx(await fs.readFile(await recalculateXlsx(file)));
      let checked = 0;
      for (const spec of gantts) {
        const values = read.find((tab) => tab.name === spec.name)!.values;
        spec.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (!isFormulaCell(cell)) return;
            // A computed "" reads as no value.
            const expected: CellValue = cell.value === '' ? null : cell.value;
            expect({ at: `${spec.name}!${a1(r, c)}`, value: values[r]?.[c] ?? null }).toEqual({ at: `${spec.name}!${a1(r, c)}`, value: expected });
            checked++;
          }),
        );
      }
      expect(checked).toBeGreaterThan(9 * 6);
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
