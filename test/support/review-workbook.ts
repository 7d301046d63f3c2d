/** A workbook for the review: two groups × four past cohorts of the 28-day class, statuses ticked, a metrics paste with 期次. */
import { generateSopTabs } from '../../src/app/sop';
import { fromIso, type DaySerial } from '../../src/core/dates';
import type { LocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';

export const REVIEW_TODAY = fromIso('2026-12-10') as DaySerial;

const COHORTS: Array<[string, string]> = [
  ['第9期', '2026-08-03'],
  ['第10期', '2026-09-07'],
  ['第11期', '2026-10-12'],
  ['第12期', '2026-11-16'],
];

/** Marks done every `every`-th row of an SOP tab (by row position below the header). */
function tick(ctx: LocalContext, tab: string, every: number): void {
  const grid = ctx.workbook.readTab(tab);
  const status = grid[0].indexOf('状态');
  for (let r = 1; r < grid.length; r++) if (r % every === 0) ctx.workbook.setCell(tab, r, status, '已完成');
}

export function reviewWorkbook(): LocalContext {
  const ctx = createDemoContext({ today: REVIEW_TODAY, history: false });
  COHORTS.forEach(([cohort, anchor], i) => {
    const result = generateSopTabs(ctx, { template: 'big-class-28d', anchor, groups: 'Java引流5群, Java引流6群', cohort });
    // 5群 runs its SOP better in later cohorts; 6群 the other way round.
    tick(ctx, result.tabs[0].tab, 4 - i);
    tick(ctx, result.tabs[1].tab, i + 1);
  });
  ctx.workbook.addPlainTab('各期转化', [
    ['群名称', '期次', '群人数', '到课人数', '完课人数', '成单人数', '收入', '投放成本'],
    ['Java引流5群', '第9期', 400, 120, 60, 8, 46400, 10000],
    ['Java引流5群', '10期', 420, 130, 70, 11, 63800, 10000],
    ['Java引流5群', '第11期', 410, 150, 80, 14, 81200, 10000],
    ['Java引流5群', '第12期', 430, 160, 90, 17, 98600, 10000],
    ['Java引流6群', '第9期', 380, 150, 90, 15, 87000, 10000],
    ['Java引流6群', '第10期', 390, 120, 70, 12, 69600, 10000],
    ['Java引流6群', '2026-11', 400, 100, 50, 9, 52200, 10000],
    ['Java引流6群', '第12期', 410, 90, 40, 6, 34800, 10000],
  ]);
  ctx.ui.messages.length = 0;
  return ctx;
}
