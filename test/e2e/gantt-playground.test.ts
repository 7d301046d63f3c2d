/**
 * The push-plan Gantt in a real browser: open the sidebar from the add-on menu, see the plan's
 * preview line, generate the Gantt from the demo's 推进表, then change owners as a person would —
 * on the Gantt tab and on the plan tab (the Gantt's owner cells are linked to it) — and watch the
 * bar cells take the new owner's colour in the preview, at once; generating again keeps the owner
 * picked on the Gantt tab.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { getGanttState } from '../../src/app/gantt';
import { getTeamState } from '../../src/app/team';
import { doneColorOf } from '../../src/core/gantt/tab';
import type { Playground } from '../../src/local/playground';
import { openPlayground, eventually as waitUntil } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const TASK_COL = 2;
const OWNER_COL = 3;
const DATE_ROW = 3;
const PLAN_OWNER_COL = 4;

describeWith(chromiumPath(), 'playground: push-plan Gantt (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const dialogs: string[] = [];

  const colorOf = (name: string): string => getTeamState(playground.ctx).people.find((p) => p.name === name)!.color;

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground({}, { viewport: { width: 1400, height: 900 } }, dialogs));
    sidebar = page.frameLocator('#sidebar-frame');
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  /** The preview's background of each day cell of a task's bar, as "#rrggbb", by the task's name and the days' dates. */
  function barColors(task: string, days: string[]): Promise<string[]> {
    return page.evaluate(
      ({ task, days, taskCol, dateRow }) => {
        const cell = (r: number, c: number) => document.querySelector<HTMLElement>(`#preview td[data-r="${r}"][data-c="${c}"]`);
        const rows = Array.from(document.querySelectorAll<HTMLElement>(`#preview td[data-c="${taskCol}"]`));
        const row = rows.find((td) => Number(td.dataset.r) > dateRow && td.textContent === task);
        if (!row) return [`no row for ${task}`];
        const dateCells = Array.from(document.querySelectorAll<HTMLElement>(`#preview td[data-r="${dateRow}"]`));
        return days.map((day) => {
          const dateCell = dateCells.find((td) => td.textContent === day);
          if (!dateCell) return `no column for ${day}`;
          const rgb = getComputedStyle(cell(Number(row.dataset.r), Number(dateCell.dataset.c))!)
            .backgroundColor.match(/\d+/g)!
            .map(Number);
          return `#${rgb
            .slice(0, 3)
            .map((n) => n.toString(16).padStart(2, '0'))
            .join('')}`;
        });
      },
      { task, days, taskCol: TASK_COL, dateRow: DATE_ROW },
    );
  }

  const eventually = <T>(read: () => T | Promise<T>, expected: T): Promise<void> => waitUntil(page, read, expected);

  function waitForBar(task: string, days: string[], expected: string[]): Promise<void> {
    return eventually(() => barColors(task, days), expected);
  }

  /** Opens the playground's cell editor on the cell of `task`'s row in column `col` of the shown tab. */
  async function openEditor(task: string, taskCol: number, col: number): Promise<void> {
    const row = await page.locator(`#preview td[data-c="${taskCol}"]`, { hasText: task }).first().getAttribute('data-r');
    await page.locator(`#preview td[data-r="${row}"][data-c="${col}"]`).dblclick();
  }

  test('the sidebar previews the demo plan, then generates its Gantt with bars in the owners’ colours', async () => {
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showGanttSidebar"]');
    await sidebar.locator('#gantt-preview', { hasText: '9 项任务 · 2026-12-01 → 2026-12-29 · 6 人' }).waitFor();
    expect(await sidebar.locator('#gantt-plan').inputValue()).toBe('推进表');
    expect(await sidebar.locator('#gantt-working-days').isChecked()).toBe(false);

    await sidebar.locator('#generate-gantt').click();
    await sidebar.locator('#gantt-result', { hasText: '已生成甘特图 · 9 项任务 · 2026-12-01 → 2026-12-29 · 6 人' }).waitFor();
    await page.locator('#toasts .toast', { hasText: '已生成甘特图' }).first().waitFor();
    await page.locator('footer button.tab.active', { hasText: '甘特图' }).waitFor();
    // 1V1跟进关单: 陈默, 12-15 → 12-22; the days around it are blank.
    await waitForBar('1V1跟进关单', ['2026-12-14', '2026-12-15', '2026-12-22'], ['#ffffff', colorOf('陈默'), colorOf('陈默')]);
    // 海报与物料设计: 30% of 4 days done → 12-03 in 孙悦's colour darkened, then 孙悦's.
    await waitForBar('海报与物料设计', ['2026-12-03', '2026-12-04'], [doneColorOf(colorOf('孙悦')), colorOf('孙悦')]);
    expect(dialogs).toEqual([]);
  });

  test('picking another owner in the Gantt tab’s owner dropdown redraws the bar at once', async () => {
    await openEditor('1V1跟进关单', TASK_COL, OWNER_COL);
    const select = page.locator('#editor select');
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual(expect.arrayContaining(['王蕾', '陈默']));
    await select.selectOption('王蕾');
    await waitForBar('1V1跟进关单', ['2026-12-15', '2026-12-22'], [colorOf('王蕾'), colorOf('王蕾')]);
  });

  test('changing an owner on the plan tab recolours that bar at once; generating again keeps the owner picked on the Gantt tab', async () => {
    await page.locator('footer button.tab', { hasText: '推进表' }).click();
    await page.locator('footer button.tab.active', { hasText: '推进表' }).waitFor();
    await openEditor('营销直播课', 1, PLAN_OWNER_COL);
    const input = page.locator('#editor input');
    await input.waitFor();
    await input.fill('周舟');
    await input.press('Enter');
    await eventually(() => playground.ctx.workbook.readTab('推进表')[7][PLAN_OWNER_COL], '周舟');

    // No run: the Gantt's owner cell reads the plan.
    await page.locator('footer button.tab', { hasText: '甘特图' }).click();
    await page.locator('footer button.tab.active', { hasText: '甘特图' }).waitFor();
    await waitForBar('营销直播课', ['2026-12-15'], [colorOf('周舟')]);

    await sidebar.locator('#generate-gantt').click();
    await sidebar.locator('#gantt-result', { hasText: '保留了甘特图上手动修改的 1 处' }).waitFor();
    await page.locator('footer button.tab.active', { hasText: '甘特图' }).waitFor();
    await waitForBar('营销直播课', ['2026-12-15'], [colorOf('周舟')]);
    await waitForBar('1V1跟进关单', ['2026-12-15', '2026-12-22'], [colorOf('王蕾'), colorOf('王蕾')]);
    expect(playground.ctx.workbook.listTabs().filter((t) => t.marker?.kind === 'gantt')).toHaveLength(1);
    expect(dialogs).toEqual([]);
  });

  test('a broken plan is refused in the sidebar with the task and row, and the Gantt tab stays', async () => {
    const before = JSON.stringify(playground.ctx.workbook.tab('甘特图').spec.rows);
    playground.ctx.workbook.setCell('推进表', 2, 7, '不存在的事项');
    await sidebar.locator('#gantt-working-days').check();
    await sidebar.locator('#gantt-errors', { hasText: '第 3 行' }).waitFor();
    expect(await sidebar.locator('#gantt-errors').textContent()).toContain('前置事项“不存在的事项”不存在');
    await sidebar.locator('#generate-gantt').click();
    await sidebar.locator('#gantt-errors', { hasText: '不存在的事项' }).waitFor();
    expect(JSON.stringify(playground.ctx.workbook.tab('甘特图').spec.rows)).toBe(before);
  });

  test('“Create empty plan tab” adds a plan tab, selects it, and says how to fill it in, not as an error', async () => {
    await sidebar.locator('#create-plan').click();
    await sidebar.locator('#gantt-result', { hasText: '已创建「推进表 (2)」' }).waitFor();
    expect(await sidebar.locator('#gantt-plan').inputValue()).toBe('推进表 (2)');
    expect(await sidebar.locator('#gantt-plan option').allTextContents()).toEqual(['推进表', '推进表 (2)']);
    const hint = sidebar.locator('#gantt-preview', { hasText: '这张推进表还是空的' });
    await hint.waitFor();
    expect(await sidebar.locator('#gantt-errors').textContent()).toBe('');
    expect(await sidebar.locator('.error:visible', { hasText: /\S/ }).count()).toBe(0);
    // The hint is grey like every hint, not the error red.
    expect(await hint.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(95, 99, 104)');
    await page.locator('footer button.tab.active', { hasText: '推进表 (2)' }).waitFor();
    expect(await page.locator('#preview td[data-r="0"][data-c="1"]').textContent()).toBe('事项');
  });

  test('the sidebar opens with what the active tab says (one quick call), then lists every plan (a second call)', async () => {
    await page.locator('footer button.tab', { hasText: '团队' }).click();
    const bodies: string[] = [];
    const record = (request: { url(): string; postData(): string | null }): void => {
      if (request.url().endsWith('/api/getGanttState')) bodies.push(request.postData() ?? '');
    };
    page.on('request', record);
    try {
      await page.click('#menu-extensions > button');
      await page.click('button[data-fn="showGanttSidebar"]');
      const whole = getGanttState(playground.ctx);
      await eventually(() => sidebar.locator('#gantt-plan option').allTextContents(), whole.planTabs);
      expect(await sidebar.locator('#gantt-plan').inputValue()).toBe(whole.selected);
      expect(bodies).toEqual(['[{"quick":true}]', '[{}]']);
    } finally {
      page.off('request', record);
    }
  });
});
