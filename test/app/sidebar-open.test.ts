/**
 * A sidebar opens in two steps (issue "Fast in real Sheets": at most 10 reads to open one): the quick
 * state says what the active tab and the markers tell, the whole state then lists every tab. Whatever
 * tab is active, the quick state must agree with the whole one on everything it shows — the sidebar
 * starts from it, and the second step only adds tabs to the pickers.
 */
import { generateCalendar, getCalendarState } from '../../src/app/calendar';
import { generateGantt, getGanttState } from '../../src/app/gantt';
import { computeMetricsTab, getMetricsState } from '../../src/app/metrics';
import { getReviewState } from '../../src/app/review';
import { generateSopTabs, getSopState, saveSopTemplate } from '../../src/app/sop';
import { serialFromYmd } from '../../src/core/dates';
import { createDemoContext, DEMO_FILES, pastedTab } from '../../src/local/demo';
import type { LocalContext } from '../../src/local/context';

const today = serialFromYmd(2026, 12, 3);
const quick = { quick: true };

/** The demo workbook with one tab of every kind: Gantt, calendar, metrics, a saved template and an SOP tab made from it, a pasted plan and list. */
function richWorkbook(locale: 'zh_CN' | 'en_US'): LocalContext {
  const ctx = createDemoContext({ today, locale });
  const tabs = (): string[] => ctx.workbook.listTabs().map((tab) => tab.name);
  const plan = tabs().find((name) => /推进表|push plan/i.test(name))!;
  generateGantt(ctx, { planTab: plan });
  const list = tabs().find((name) => /活动|activit/i.test(name))!;
  generateCalendar(ctx, { month: '2026-12', list });
  const data = tabs().find((name) => /群数据|group funnel/i.test(name))!;
  computeMetricsTab(ctx, { kind: 'tab', tab: data });
  const saved = saveSopTemplate(ctx, { template: 'conversion-7d' });
  generateSopTabs(ctx, { template: saved.ref, anchor: '2026-12-14', groups: 'B群', cohort: '第2期' });
  // A team's own template: the id cell edited after saving (the tab's marker still names the built-in's id).
  const own = saveSopTemplate(ctx, { template: 'camp-3d' });
  ctx.workbook.setCell(own.tab, 0, 1, 'java-camp');
  generateSopTabs(ctx, { template: own.ref, anchor: '2026-12-21', groups: 'C群', cohort: '第3期' });
  generateSopTabs(ctx, { template: 'big-class-28d', anchor: '2026-12-07', groups: 'A群', cohort: '第1期' });
  const pasted = pastedTab(DEMO_FILES.pushPlan);
  ctx.workbook.addPlainTab('我的推进表', pasted.values);
  ctx.workbook.addPlainTab('我的活动', pastedTab(DEMO_FILES.activities).values);
  return ctx;
}

describe.each(['zh_CN', 'en_US'] as const)('whichever tab is active (%s), the quick state agrees with the whole one', (locale) => {
  const ctx = richWorkbook(locale);
  const visible = ctx.workbook.listTabs().filter((tab) => !tab.hidden);

  test.each(visible.map((tab) => tab.name))('%s', (active) => {
    ctx.workbook.activate(active);

    const sop = getSopState(ctx, quick);
    const sopAll = getSopState(ctx);
    expect([sop.complete, sopAll.complete]).toEqual([false, true]);
    expect(sop).toMatchObject({
      lang: sopAll.lang,
      roles: sopAll.roles,
      people: sopAll.people,
      teamTab: sopAll.teamTab,
      suggestedAnchor: sopAll.suggestedAnchor,
    });
    expect({ activeSopTab: sop.activeSopTab, startTemplate: sop.startTemplate }).toEqual({
      activeSopTab: sopAll.activeSopTab,
      startTemplate: sopAll.startTemplate,
    });
    expect(sop.sopTabs).toEqual(sopAll.sopTabs.filter((tab) => tab.tab === active));
    for (const template of sop.templates) expect(sopAll.templates).toContainEqual(template);

    const gantt = getGanttState(ctx, quick);
    const ganttAll = getGanttState(ctx);
    expect(gantt).toMatchObject({ complete: false, workingDays: ganttAll.workingDays, teamTab: ganttAll.teamTab });
    // The quick state selects the plan the active tab is or names; the whole state falls back to the first plan.
    expect(gantt.selected === null || gantt.selected === ganttAll.selected).toBe(true);
    if (ganttAll.selected !== ganttAll.planTabs[0] || ganttAll.planTabs[0] === active) expect(gantt.selected).toBe(ganttAll.selected);
    expect(gantt.planTabs).toEqual(gantt.selected ? [gantt.selected] : []);

    const calendar = getCalendarState(ctx, quick);
    const calendarAll = getCalendarState(ctx);
    expect(calendar).toMatchObject({ complete: false, defaultMonth: calendarAll.defaultMonth, weekStart: calendarAll.weekStart, rhythm: calendarAll.rhythm });
    for (const list of calendar.lists) expect(calendarAll.lists).toContainEqual(list);
    // Our list comes first in both; a pasted active list is offered at once.
    if (calendarAll.lists[0]?.ours) expect(calendar.defaultList).toBe(calendarAll.defaultList);
    if (calendarAll.lists.some((list) => list.name === active && !list.ours)) expect(calendar.lists.map((list) => list.name)).toContain(active);

    const metrics = getMetricsState(ctx, quick);
    const metricsAll = getMetricsState(ctx);
    expect(metrics).toEqual({ ...metricsAll, tabs: metricsAll.activeTab ? [metricsAll.activeTab] : [], complete: false });

    const review = getReviewState(ctx, quick);
    expect(review).toEqual({ ...getReviewState(ctx), metricsTab: null, complete: false });
  });
});
