/**
 * Property: regenerating through the Apps Script adapter keeps everything a person made on a tab —
 * the same stories as test/app/layers-property.test.ts, with the person's edits made on the fake's
 * sheets the way Sheets makes them (inserted columns and rows, notes, hidden rows).
 */
import fc from 'fast-check';
import { generateCalendar } from '../../src/app/calendar';
import { generateGantt } from '../../src/app/gantt';
import { computeMetricsTab } from '../../src/app/metrics';
import { generateSopTabs } from '../../src/app/sop';
import { saveTeam } from '../../src/app/team';
import { generateTodayBoard } from '../../src/app/today';
import { createGasContext } from '../../src/gas/services';
import { createDemoContext } from '../../src/local/demo';
import type { AppContext } from '../../src/ports';
import {
  GANTT_LAYOUT,
  gasDriver,
  gridKeepsEveryEdit,
  seedDemo,
  SOP_TAB as TAB,
  sopKeepsEveryEdit,
  STORY_TEAM as TEAM,
  teamKeepsEveryEdit,
  type GridStory,
  type Layout,
} from '../support/layers';
import { installFakeGas, type FakeGas } from './fake-spreadsheet';

let fake: FakeGas | null = null;
afterEach(() => {
  fake?.uninstall();
  fake = null;
});

/** A fresh fake spreadsheet with the Apps Script adapter over it, the team saved. */
function openGas(): AppContext {
  fake?.uninstall();
  fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
  return createGasContext();
}

describe('regenerating keeps every edit a person made (Apps Script adapter)', () => {
  test('SOP tab: any mix of edits, then a moved anchor and the calendar column switched on or off', () => {
    fc.assert(
      sopKeepsEveryEdit(() => {
        const ctx = openGas();
        saveTeam(ctx, TEAM);
        return gasDriver(fake!, ctx);
      }),
      { numRuns: 40 },
    );
  });
});

describe('grid tabs keep what a person typed or noted on them (Apps Script adapter)', () => {
  const check = (story: (ctx: AppContext) => GridStory, maxRow: number, maxCol: number, layout?: Layout) =>
    fc.assert(
      gridKeepsEveryEdit(
        () => {
          const ctx = openGas();
          seedDemo(fake!, createDemoContext());
          saveTeam(ctx, TEAM);
          return { driver: gasDriver(fake!, ctx), story: story(ctx) };
        },
        maxRow,
        maxCol,
        layout,
      ),
      { numRuns: 15 },
    );

  test('calendar', () => {
    check(
      (ctx) => {
        const first = generateCalendar(ctx, { month: '2026-12', list: '活动列表' });
        return { tab: first.tabs[0], again: () => generateCalendar(ctx, { month: '2026-12', list: '活动列表' }).message };
      },
      50,
      12,
    );
  });

  test('metrics', () => {
    check(
      (ctx) => {
        const first = computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
        return {
          tab: first.tab,
          again: () => {
            fake!.inspect('群数据').getRange(3, 2).setValue(999);
            return computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' }).message;
          },
        };
      },
      30,
      25,
    );
  });

  test('Today board, generated again from itself after a status changed', () => {
    check(
      (ctx) => {
        generateSopTabs(ctx, { template: 'live-class', anchor: '2026-11-21', groups: 'Java引流5群', cohort: '第12期' });
        const first = generateTodayBoard(ctx, {});
        return {
          tab: first.tab,
          skip: (col) => fake!.inspect(first.tab).isColumnHiddenByUser(col + 1),
          again: () => {
            const sop = fake!.inspect('SOP·Java引流5群·第12期');
            const grid = sop.getDataRange().getValues();
            const status = grid[0].indexOf('状态');
            const row = grid.findIndex((line, r) => r > 0 && line[status] === '未开始');
            expect(row).toBeGreaterThan(0);
            sop.getRange(row + 1, status + 1).setValue('已完成');
            return generateTodayBoard(ctx, {}).message;
          },
        };
      },
      25,
      16,
    );
  });

  test('Gantt, its plan’s tasks reordered', () => {
    check(
      (ctx) => {
        const first = generateGantt(ctx, { planTab: '推进表' });
        return {
          tab: first.tab,
          skip: (col) => fake!.inspect(first.tab).isColumnHiddenByUser(col + 1),
          again: () => {
            const plan = fake!.inspect('推进表').getDataRange();
            const [header, ...tasks] = plan.getValues();
            plan.setValues([header, ...tasks.reverse()]);
            return generateGantt(ctx, { planTab: '推进表' }).message;
          },
        };
      },
      40,
      40,
      GANTT_LAYOUT,
    );
  });
});

describe('the Team tab keeps what people added to it (Apps Script adapter)', () => {
  test('columns and notes of one’s own stay with their person; a person who left takes theirs to the old version', () => {
    fc.assert(
      teamKeepsEveryEdit(() => {
        const ctx = openGas();
        saveTeam(ctx, TEAM);
        return gasDriver(fake!, ctx);
      }),
      { numRuns: 40 },
    );
  });
});

describe('a filter people set on an SOP tab', () => {
  test('still hides the rows it should after the rows were re-dated and moved, never rows over other data', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    const ctx = createGasContext();
    saveTeam(ctx, TEAM);
    const request = { template: 'conversion-7d', anchor: '2026-12-14', groups: 'Java引流5群', cohort: '第12期' };
    generateSopTabs(ctx, request);
    const sheet = fake.inspect(TAB);
    const header = sheet.getRange(1, 1, 1, 20).getValues()[0];
    const status = header.indexOf('状态') + 1;
    const ids = [3, 7, 12].map((row) => sheet.getRange(row, 1).getValue() as string);
    for (const row of [3, 7, 12]) sheet.getRange(row, status).setValue('已完成');
    // A hand row near the top, then the filter: done rows out of sight.
    sheet.insertRowsBefore(2, 1);
    sheet.getRange(2, header.indexOf('事项') + 1).setValue('手加：先建备用群');
    sheet
      .getRange(1, 1, 22, 17)
      .createFilter()
      .setColumnFilterCriteria(status, SpreadsheetApp.newFilterCriteria().setHiddenValues(['已完成']).build());

    generateSopTabs(ctx, { ...request, anchor: '2026-12-18' });
    const filter = sheet.getFilter();
    expect(filter).not.toBeNull();
    expect(filter!.getColumnFilterCriteria(status)?.getHiddenValues()).toEqual(['已完成']);
    const values = sheet.getDataRange().getValues();
    for (let row = 2; row <= 22; row++) {
      const done = values[row - 1][status - 1] === '已完成';
      expect({ row, hidden: sheet.isRowHiddenByFilter(row) }).toEqual({ row, hidden: done });
    }
    expect(values.filter((line) => line[status - 1] === '已完成').map((line) => line[0])).toEqual(expect.arrayContaining(ids));
  });
});
