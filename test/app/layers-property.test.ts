/**
 * Property: whatever a person does to a generated tab — columns of their own, notes anywhere, text
 * beside the table, rewritten template texts, rows added by hand, hidden rows — regenerating keeps
 * every bit of it in its row, or in the hidden old version, and says so truthfully. On the local
 * workbook; test/gas/layers-property.test.ts runs the same stories on the Apps Script adapter.
 */
import fc from 'fast-check';
import { generateCalendar } from '../../src/app/calendar';
import { generateGantt } from '../../src/app/gantt';
import { computeMetricsTab } from '../../src/app/metrics';
import { generateSopTabs } from '../../src/app/sop';
import { generateTodayBoard } from '../../src/app/today';
import { saveTeam } from '../../src/app/team';
import { fromIso, type DaySerial } from '../../src/core/dates';
import { createLocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';
import {
  GANTT_LAYOUT,
  gridKeepsEveryEdit,
  memoryDriver,
  sopKeepsEveryEdit,
  STORY_TEAM,
  teamKeepsEveryEdit,
  type GridStory,
  type Layout,
} from '../support/layers';

const TODAY = fromIso('2026-11-23') as DaySerial;

describe('regenerating keeps every edit a person made (local workbook)', () => {
  test('SOP tab: any mix of edits, then a moved anchor and the calendar column switched on or off', () => {
    const open = () => {
      const ctx = createLocalContext({ today: TODAY, locale: 'zh_CN' });
      saveTeam(ctx, STORY_TEAM);
      return memoryDriver(ctx);
    };
    // 50 runs (about 60 ms each: the tab generated, edited and generated again).
    fc.assert(sopKeepsEveryEdit(open), { numRuns: 50 });
  });
});

describe('the Team tab keeps what people added to it (local workbook)', () => {
  test('columns and notes of one’s own stay with their person; a person who left takes theirs to the old version', () => {
    fc.assert(
      teamKeepsEveryEdit(() => {
        const ctx = createLocalContext({ today: TODAY, locale: 'zh_CN' });
        saveTeam(ctx, STORY_TEAM);
        return memoryDriver(ctx);
      }),
      { numRuns: 40 },
    );
  });
});

describe('grid tabs keep what a person typed or noted on them (local workbook)', () => {
  const check = (story: (ctx: ReturnType<typeof createDemoContext>) => GridStory, maxRow: number, maxCol: number, layout?: Layout) =>
    fc.assert(
      gridKeepsEveryEdit(
        () => {
          // The demo without its past cohorts' SOP tabs, which no story here reads and which would double the cost of a run.
          const ctx = createDemoContext({ today: TODAY, history: false });
          return { driver: memoryDriver(ctx), story: story(ctx) };
        },
        maxRow,
        maxCol,
        layout,
      ),
      // Each run builds the workbook, generates the tab, edits it (up to ten edits) and generates it again
      // (0.1–0.2 s); 15 runs place some 80 edits of every kind on and around each tab.
      // test/gas/layers-property.test.ts runs the same stories through the Apps Script adapter.
      { numRuns: 15 },
    );

  test('calendar: notes and text on and around the month grid survive refreshing it after the list changed', () => {
    check(
      (ctx) => {
        const first = generateCalendar(ctx, { month: '2026-12', list: '活动列表' });
        return {
          tab: first.tabs[0],
          again: () => {
            ctx.workbook.setCell('活动列表', 2, 0, '改名后的训练营');
            return generateCalendar(ctx, { month: '2026-12', list: '活动列表' }).message;
          },
        };
      },
      50,
      12,
    );
  });

  test('metrics: notes and text around the metrics survive computing again from changed data', () => {
    check(
      (ctx) => {
        const first = computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
        return {
          tab: first.tab,
          again: () => {
            ctx.workbook.setCell('群数据', 2, 1, 999);
            return computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' }).message;
          },
        };
      },
      30,
      25,
    );
  });

  test('Today board: notes and text on and around the board survive generating it again from itself after a status changed', () => {
    check(
      (ctx) => {
        generateSopTabs(ctx, { template: 'live-class', anchor: '2026-11-21', groups: 'Java引流5群', cohort: '第12期' });
        const first = generateTodayBoard(ctx, {});
        return {
          tab: first.tab,
          skip: (col) => ctx.workbook.tab(first.tab).spec.columns[col]?.hidden === true,
          again: () => {
            // The first open row marked done in its SOP tab: a line leaves the board, the ones below move up.
            const sop = 'SOP·Java引流5群·第12期';
            const grid = ctx.workbook.readTab(sop);
            const status = grid[0].indexOf('状态');
            const row = grid.findIndex((line, r) => r > 0 && line[status] === '未开始');
            expect(row).toBeGreaterThan(0);
            ctx.workbook.setCell(sop, row, status, '已完成');
            return generateTodayBoard(ctx, {}).message;
          },
        };
      },
      25,
      16,
    );
  });

  test('Gantt: notes and text on and around the chart stay with their task after the plan’s tasks were reordered', () => {
    check(
      (ctx) => {
        const first = generateGantt(ctx, { planTab: '推进表' });
        return {
          tab: first.tab,
          skip: (col) => ctx.workbook.tab(first.tab).spec.columns[col]?.hidden === true,
          again: () => {
            // The plan's tasks in the opposite order, and one more done: every task row moves.
            const [header, ...tasks] = ctx.workbook.readTab('推进表');
            [header, ...tasks.reverse()].forEach((line, r) => line.forEach((cell, c) => ctx.workbook.setCell('推进表', r, c, cell ?? '')));
            ctx.workbook.setCell('推进表', 3, 9, 0.5);
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
