/**
 * The Today board recalculated by an outside engine: the demo workbook with an SOP tab and the push
 * plan's Gantt, the board generated, then a person's edits in the sources made after it (a row set to
 * done, an owner cleared, a row added at the end). The workbook goes into an .xlsx by the project's
 * writer with every board formula caching a sentinel; LibreOffice recalculates it on load, and each of
 * the board's cells must come back as the project's engine computes it — and the lines must be the
 * items the core reads from the same sources (readDueItems, in the board's order).
 *
 * TODAY() is LibreOffice's own today, so the sources are dated around the machine's date.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSopTabs } from '../../src/app/sop';
import { generateGantt } from '../../src/app/gantt';
import { collectDueItems, generateTodayBoard } from '../../src/app/today';
import { serialFromYmd, toIso } from '../../src/core/dates';
import { a1, isFormulaCell } from '../../src/core/tab/spec';
import { LINE_COLUMNS, TODAY_FIRST_LINE_ROW } from '../../src/core/today/board';
import { createDemoContext } from '../../src/local/demo';
import { readXlsx, writeXlsx } from '../../src/local/xlsx';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, recalculateXlsx, sameRecalculatedValue, withSentinelCaches } from '../support/libreoffice';

describeWithLibreOffice('the Today board in LibreOffice', () => {
  it(
    'LibreOffice computes every cell of the board as the project’s engine does, and shows the items the core reads',
    async () => {
      const now = new Date();
      const today = serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
      const ctx = createDemoContext({ today });
      generateSopTabs(ctx, { template: 'big-class-28d', anchor: toIso(today - 3), groups: 'Java引流5群', cohort: '第12期' });
      generateSopTabs(ctx, { template: 'live-class', anchor: toIso(today), groups: "O'Brien群", cohort: '' });
      generateGantt(ctx, { planTab: '推进表' });
      const { tab: boardName } = generateTodayBoard(ctx, { daysAhead: 2 });

      // A person's edits after the board was made: the board's formulas must follow them.
      const sop = ctx.workbook.markedTabs((marker) => marker.kind === 'sop')[0].name;
      const grid = ctx.workbook.readTab(sop);
      const [statusCol, ownerCol, dateCol, itemCol] = ['状态', '执行人', '日期', '事项'].map((label) => grid[0].indexOf(label));
      const dueRows = grid.flatMap((row, r) => (r > 0 && typeof row[dateCol] === 'number' && (row[dateCol] as number) <= today ? [r] : []));
      expect(dueRows.length).toBeGreaterThan(3);
      ctx.workbook.setCell(sop, dueRows[0], statusCol, '已完成');
      ctx.workbook.setCell(sop, dueRows[1], ownerCol, '');
      ctx.workbook.setCell(sop, grid.length, dateCol, today);
      ctx.workbook.setCell(sop, grid.length, itemCol, '临时加的群公告');

      const board = ctx.workbook.tab(boardName).spec;
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sop-today-lo-'));
      const file = path.join(dir, 'today.xlsx');
      await fs.writeFile(
        file,
        await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec === board ? withSentinelCaches(tab.spec) : tab.spec, marker: tab.marker }))),
      );
      const read = await readXlsx(await fs.readFile(await recalculateXlsx(file)));
      const values = read.find((tab) => tab.name === boardName)!.values;

      const differences: string[] = [];
      let checked = 0;
      board.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!isFormulaCell(cell)) return;
          checked++;
          const computed = values[r]?.[c] ?? null;
          if (!sameRecalculatedValue(cell.value, computed))
            differences.push(`${a1(r, c)} ${cell.formula.slice(0, 80)}: engine ${JSON.stringify(cell.value)}, LibreOffice ${JSON.stringify(computed)}`);
        }),
      );
      expect(differences.slice(0, 20)).toEqual([]);
      expect(checked).toBeGreaterThan(1000);

      // The lines LibreOffice shows are the core's due items, in the board's order.
      const items = collectDueItems(ctx, { daysAhead: 2 });
      const shown = values
        .slice(TODAY_FIRST_LINE_ROW)
        .map((line) => ({ owner: line[LINE_COLUMNS.indexOf('owner')], date: line[LINE_COLUMNS.indexOf('date')], item: line[LINE_COLUMNS.indexOf('item')] }))
        .filter((line) => line.item !== null && line.item !== '');
      expect(shown).toEqual(items.map((item) => ({ owner: item.owner || '未分配', date: item.date, item: item.item })));
      expect(items.some((item) => item.item === '临时加的群公告')).toBe(true);
      expect(items.some((item) => item.state === 'overdue')).toBe(true);
      expect(items.some((item) => item.state === 'today')).toBe(true);
      if (!process.env.KEEP_E2E_OUTPUT) await fs.rm(dir, { recursive: true, force: true });
    },
    LIBREOFFICE_TEST_TIMEOUT_MS,
  );
});
