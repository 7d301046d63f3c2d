/** Push plan → live Gantt through the use cases, on the in-memory workbook the playground and CLI use. */
import { callApi } from '../../src/app/api';
import { createPlanTab, generateGantt, getGanttState, listPlanTabs, previewGantt } from '../../src/app/gantt';
import { getTeamState } from '../../src/app/team';
import { serialFromYmd, toIso, type DaySerial } from '../../src/core/dates';
import { doneColorOf } from '../../src/core/gantt/tab';
import { cellValue, type TabSpec } from '../../src/core/tab/spec';
import { createLocalContext, type LocalContext } from '../../src/local/context';
import { createDemoContext, DEMO_FILES, pastedTab } from '../../src/local/demo';
import { PreviewEngine } from '../../src/local/preview-engine';
import { spreadsheet } from '../support/formulas';
import { problemsOf } from '../support/problems';

const today = serialFromYmd(2026, 11, 23);
const d = (iso: string): DaySerial => serialFromYmd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

/** Gantt layout as a person sees it: four header rows, the task columns A–K, days from column L. */
const FIRST_TASK_ROW = 4;
const FIRST_DAY_COL = 11;
const PHASE_COL = 1;
const OWNER_COL = 3;
const START_COL = 5;
const END_COL = 6;
const PROGRESS_COL = 8;
const STATUS_COL = 9;
/** The demo 推进表's columns: 阶段 事项 要求 参与人 负责人 开始日期 结束日期 前置事项 进度. */
const PLAN = { name: 1, owner: 4, start: 5, end: 6, predecessors: 7, progress: 8 } as const;

/** The demo workbook recomputed after every change, as the playground does (and as Sheets does). */
function livePlayground(options: Parameters<typeof createDemoContext>[0] = {}): LocalContext {
  const ctx = createDemoContext({ today, ...options });
  const engine = new PreviewEngine(ctx);
  ctx.workbook.onChange = () => engine.recalculate();
  engine.recalculate();
  return ctx;
}

/** What a person sees in a cell of a tab (a formula's value, as last computed). */
function shown(ctx: LocalContext, tab: string, row: number, col: number): unknown {
  return ctx.workbook.readTab(tab)[row]?.[col] ?? null;
}

function planRow(ctx: LocalContext, task: string): number {
  const row = ctx.workbook.readTab('推进表').findIndex((cells) => cells[PLAN.name] === task);
  if (row < 0) throw new Error(`no plan row for ${task}`);
  return row;
}

function ganttOf(ctx: LocalContext, name = '甘特图'): TabSpec {
  return ctx.workbook.tab(name).spec;
}

/** The 0-based column of a day on a Gantt tab, from its date row (row 4). */
function dayColumn(spec: TabSpec, day: DaySerial): number {
  const col = spec.rows[3].findIndex((cell, c) => c >= FIRST_DAY_COL && cell === day);
  if (col < 0) throw new Error(`no column for ${toIso(day)}`);
  return col;
}

function taskRow(spec: TabSpec, name: string): number {
  const row = spec.rows.findIndex((cells, r) => r >= FIRST_TASK_ROW && cells[2] === name);
  if (row < 0) throw new Error(`no row for ${name}`);
  return row;
}

/** The bar's background on each day from `from` to `to`, as the tab's rules paint it. */
function barColors(spec: TabSpec, task: string, from: string, to: string): Array<string | null> {
  const row = taskRow(spec, task);
  // The rules read what the cells show: the workbook computed every formula (live links to the plan too).
  const sheet = spreadsheet([{ ...spec, rows: spec.rows.map((cells) => cells.map(cellValue)) }], today);
  const colors: Array<string | null> = [];
  for (let day = d(from); day <= d(to); day++) colors.push(sheet.ruleBackground(row, dayColumn(spec, day)));
  return colors;
}

function colorOf(ctx: LocalContext, name: string): string {
  const person = getTeamState(ctx).people.find((p) => p.name === name);
  if (!person) throw new Error(`${name} is not on the team`);
  return person.color;
}

/** A bar's done part: its owner's colour, darkened. */
const doneOf = (ctx: LocalContext, name: string): string => doneColorOf(colorOf(ctx, name));
const GREY = '#dadce0';

describe('generating the Gantt of the demo’s 推进表', () => {
  test('writes an active, marked 甘特图 tab whose bars take the owners’ Team colours, and tells the user', () => {
    const ctx = createDemoContext({ today });
    const result = generateGantt(ctx, { planTab: '推进表' });
    expect(result).toMatchObject({ tab: '甘特图', created: true, summary: { tasks: 9, start: '2026-12-01', end: '2026-12-29', owners: 6, warnings: [] } });
    expect(ctx.workbook.listTabs().find((t) => t.name === '甘特图')?.marker).toMatchObject({ kind: 'gantt', key: { plan: '推进表' } });
    expect(ctx.workbook.activeTabName()).toBe('甘特图');
    expect(ctx.ui.messages.map((m) => m.message)).toEqual(['已生成甘特图 · 9 项任务 · 2026-12-01 → 2026-12-29 · 6 人']);

    const spec = ganttOf(ctx);
    // 海报与物料设计: 孙悦, 12-03 → 12-06 (4 days), 30% done → ROUND(1.2) = 1 day in the done colour.
    expect(barColors(spec, '海报与物料设计', '2026-12-02', '2026-12-07')).toEqual([null, doneOf(ctx, '孙悦'), ...Array(3).fill(colorOf(ctx, '孙悦')), null]);
    // 1V1跟进关单: 陈默, 12-15 → 12-22, nothing done.
    expect(barColors(spec, '1V1跟进关单', '2026-12-14', '2026-12-23')).toEqual([null, ...Array(8).fill(colorOf(ctx, '陈默')), null]);
    // 确定活动主题与目标: 100% done.
    expect(barColors(spec, '确定活动主题与目标', '2026-12-01', '2026-12-02')).toEqual([doneOf(ctx, '林晓'), doneOf(ctx, '林晓')]);
    // Rules grow with the team (6 people: a done part, a bar and a swatch in the task lists each), not with the 9 tasks.
    expect(spec.conditionalFormats).toHaveLength(3 * 6 + 4 + 3 + 2);
  });

  test('the plan tab is read, never written', () => {
    const ctx = createDemoContext({ today });
    const before = JSON.stringify(ctx.workbook.tab('推进表'));
    generateGantt(ctx, { planTab: '推进表' });
    generateGantt(ctx, { planTab: '推进表', workingDays: true });
    expect(JSON.stringify(ctx.workbook.tab('推进表'))).toBe(before);
  });

  test('changing an owner on the Gantt tab redraws that bar in the new owner’s colour without generating again', () => {
    const ctx = createDemoContext({ today });
    generateGantt(ctx, { planTab: '推进表' });
    const spec = ganttOf(ctx);
    ctx.workbook.setCell('甘特图', taskRow(spec, '1V1跟进关单'), OWNER_COL, '王蕾');
    expect(barColors(ganttOf(ctx), '1V1跟进关单', '2026-12-15', '2026-12-22')).toEqual(Array(8).fill(colorOf(ctx, '王蕾')));
    ctx.workbook.setCell('甘特图', taskRow(spec, '1V1跟进关单'), OWNER_COL, '不在团队的人');
    expect(barColors(ganttOf(ctx), '1V1跟进关单', '2026-12-15', '2026-12-22')).toEqual(Array(8).fill(GREY));
  });

  test('generating again after the plan changed updates the same Gantt tab in place', () => {
    const ctx = createDemoContext({ today });
    generateGantt(ctx, { planTab: '推进表' });
    const plan = ctx.workbook.readTab('推进表');
    // A tenth task typed below the plan, starting after the last one.
    ctx.workbook.setCell('推进表', plan.length, 1, '发放结营证书');
    ctx.workbook.setCell('推进表', plan.length, 4, '周舟');
    ctx.workbook.setCell('推进表', plan.length, 7, '结营与复盘');
    const again = generateGantt(ctx, { planTab: '推进表' });
    expect(again).toMatchObject({ tab: '甘特图', created: false, summary: { tasks: 10, end: '2026-12-30' } });
    expect(ctx.workbook.listTabs().filter((t) => t.marker?.kind === 'gantt')).toHaveLength(1);
    expect(barColors(ganttOf(ctx), '发放结营证书', '2026-12-29', '2026-12-31')).toEqual([null, colorOf(ctx, '周舟'), null]);
  });

  test('working days count from the sidebar’s checkbox, else from the setting', () => {
    const ctx = createDemoContext({ today });
    generateGantt(ctx, { planTab: '推进表', workingDays: true });
    const days = (spec: TabSpec) => spec.rows[taskRow(spec, '每日打卡与催课')][7];
    // 12-09 → 12-21: 13 calendar days, of which 9 are working days (weekends 12–13 and 19–20 off).
    expect(days(ganttOf(ctx))).toBe(9);
    generateGantt(ctx, { planTab: '推进表', workingDays: false });
    expect(days(ganttOf(ctx))).toBe(13);
    const withSetting = createDemoContext({ today, settings: { workingDays: 'working' } });
    expect(getGanttState(withSetting).workingDays).toBe(true);
    expect(previewGantt(withSetting, { planTab: '推进表' }).workingDays).toBe(true);
    generateGantt(withSetting, { planTab: '推进表' });
    expect(days(ganttOf(withSetting))).toBe(9);
  });

  test('a tab named 甘特图 that the add-on did not make is left alone', () => {
    const ctx = createDemoContext({ today });
    ctx.workbook.addPlainTab('甘特图', [['我自己画的甘特图']]);
    expect(generateGantt(ctx, { planTab: '推进表' }).tab).toBe('甘特图 (2)');
    expect(ctx.workbook.readTab('甘特图')).toEqual([['我自己画的甘特图']]);
  });

  test('in English the tab, the toast and the task headers are English', () => {
    const ctx = createDemoContext({ today, locale: 'en_US' });
    const result = generateGantt(ctx, { planTab: 'Push plan' });
    expect(result.tab).toBe('Gantt');
    expect(result.message).toBe('Gantt generated · 9 tasks · 2026-12-01 → 2026-12-29 · 6 owners');
    expect(ganttOf(ctx, 'Gantt').rows[3].slice(0, 4)).toEqual(['ID', 'Phase', 'Task', 'Owner']);
  });
});

describe('a plan that cannot be scheduled', () => {
  function brokenDemo(edit: (ctx: LocalContext) => void): LocalContext {
    const ctx = createDemoContext({ today });
    edit(ctx);
    ctx.ui.messages.length = 0;
    return ctx;
  }

  test('a dependency cycle names the tasks in it and the row; nothing is written', () => {
    // 确定活动主题与目标 (row 2) now waits for 结营与复盘 (row 10), which depends on it through the chain.
    const ctx = brokenDemo((c) => c.workbook.setCell('推进表', 1, 7, '结营与复盘'));
    const tabsBefore = ctx.workbook.listTabs();
    const problems = problemsOf(() => generateGantt(ctx, { planTab: '推进表' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'gantt.error.cycle', location: { tab: '推进表', row: 2 } });
    const text = String(problems[0].params?.tasks);
    for (const name of ['确定活动主题与目标', '用户调研问卷', '结营与复盘']) expect(text).toContain(name);
    expect(ctx.workbook.listTabs()).toEqual(tabsBefore);
    expect(ctx.ui.messages).toEqual([]);
  });

  test('the sidebar gets every problem as a sentence with its row: unknown predecessor, end before start, unreadable date', () => {
    const ctx = brokenDemo((c) => {
      c.workbook.setCell('推进表', 2, 7, '不存在的事项');
      c.workbook.setCell('推进表', 3, 6, serialFromYmd(2026, 12, 1));
      c.workbook.setCell('推进表', 4, 5, '下周一');
    });
    const response = callApi(ctx, 'generateGantt', [{ planTab: '推进表' }]);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.problems.map((p) => p.row).sort()).toEqual([3, 4, 5]);
    expect(response.error.message).toContain('「推进表」 第 3 行 H 列（前置事项）：事项“用户调研问卷”的前置事项“不存在的事项”不存在');
    expect(response.error.message).toContain('第 4 行 G 列（结束日期）：事项“海报与物料设计”的结束日期 2026-12-01 早于开始日期 2026-12-03');
    expect(response.error.message).toContain('第 5 行 F 列（开始日期）：事项“话术库整理”的日期“下周一”无法识别');
    expect(ctx.workbook.listTabs().map((t) => t.name)).not.toContain('甘特图');
    // The preview refuses the same plan with the same problems, before anything is clicked.
    expect(callApi(ctx, 'previewGantt', [{ planTab: '推进表' }])).toEqual(response);
  });

  test('an unknown predecessor does not hide a cycle elsewhere: both are refused at once, in row order', () => {
    const ctx = brokenDemo((c) => {
      c.workbook.setCell('推进表', 1, 7, '结营与复盘');
      c.workbook.setCell('推进表', 10, 1, '额外事项');
      c.workbook.setCell('推进表', 10, 5, serialFromYmd(2026, 12, 10));
      c.workbook.setCell('推进表', 10, 7, '不存在的事项');
    });
    const response = callApi(ctx, 'generateGantt', [{ planTab: '推进表' }]);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.problems.map((p) => p.row)).toEqual([2, 11]);
    expect(response.error.message).toContain('形成了循环');
    expect(response.error.message).toContain('第 11 行 H 列（前置事项）：事项“额外事项”的前置事项“不存在的事项”不存在');
    expect(callApi(ctx, 'previewGantt', [{ planTab: '推进表' }])).toEqual(response);
  });

  test('counting working days into 2027, whose holidays are not published, warns first; counting calendar days does not', () => {
    const ctx = createDemoContext({ today });
    ctx.workbook.setCell('推进表', 1, 5, serialFromYmd(2027, 9, 20));
    ctx.workbook.setCell('推进表', 1, 6, serialFromYmd(2027, 9, 21));
    const working = callApi(ctx, 'previewGantt', [{ planTab: '推进表', workingDays: true }]);
    expect(working.ok && (working.value as { warnings: string[] }).warnings[0]).toMatch(/^「推进表」：2027 年的放假安排还没有公布/);
    const calendar = callApi(ctx, 'previewGantt', [{ planTab: '推进表', workingDays: false }]);
    expect(calendar.ok && (calendar.value as { warnings: string[] }).warnings.join()).not.toContain('放假安排');
  });

  test('regenerating a broken plan keeps the Gantt tab that was there', () => {
    const ctx = createDemoContext({ today });
    generateGantt(ctx, { planTab: '推进表' });
    // The tab as written: its formulas, not what they show (the links follow the edited plan, as in Sheets).
    const written = (): string => JSON.stringify(ganttOf(ctx), (key, value) => (key === 'value' ? undefined : value));
    const before = written();
    ctx.workbook.setCell('推进表', 1, 5, null);
    expect(problemsOf(() => generateGantt(ctx, { planTab: '推进表' }))[0]).toMatchObject({ code: 'gantt.error.noStart', location: { row: 2 } });
    expect(written()).toBe(before);
  });

  test('a generated tab of another kind is not a plan, and a missing tab is named', () => {
    const ctx = createDemoContext({ today });
    generateGantt(ctx, { planTab: '推进表' });
    expect(problemsOf(() => generateGantt(ctx, { planTab: '甘特图' }))[0].code).toBe('gantt.error.notPlanTab');
    expect(problemsOf(() => generateGantt(ctx, { planTab: '团队' }))[0].code).toBe('gantt.error.notPlanTab');
    expect(problemsOf(() => generateGantt(ctx, { planTab: '没有这个' }))[0]).toMatchObject({ code: 'error.tabNotFound', params: { tab: '没有这个' } });
    expect(problemsOf(() => generateGantt(ctx, { planTab: '' }))[0].code).toBe('gantt.error.noPlanTab');
  });
});

describe('plan tabs for the sidebar', () => {
  test('the pasted 推进表 is a plan; the team, activity list, group data and Gantt tabs are not', () => {
    const ctx = createDemoContext({ today });
    generateGantt(ctx, { planTab: '推进表' });
    expect(listPlanTabs(ctx)).toEqual(['推进表']);
  });

  test('the sidebar selects the active plan, the plan of the active Gantt, else the first plan', () => {
    const ctx = createDemoContext({ today });
    createPlanTab(ctx);
    expect(getGanttState(ctx)).toMatchObject({ planTabs: ['推进表', '推进表 (2)'], selected: '推进表 (2)', workingDays: false, teamTab: '团队' });
    generateGantt(ctx, { planTab: '推进表' });
    expect(getGanttState(ctx).selected).toBe('推进表');
    ctx.workbook.activate('群数据');
    expect(getGanttState(ctx).selected).toBe('推进表');
    expect(getGanttState(createLocalContext({ today })).selected).toBeNull();
  });

  test('a plan with a title row above its header, in English, is a plan', () => {
    const ctx = createLocalContext({ today, locale: 'en_US' });
    ctx.workbook.addPlainTab('Launch', [['Launch plan Q1'], ['Task', 'Owner', 'Start', 'End'], ['Kick-off', 'Ann', d('2027-01-05'), d('2027-01-06')]]);
    ctx.workbook.addPlainTab('Notes', [
      ['Name', 'Remarks'],
      ['Ann', 'on leave'],
    ]);
    expect(listPlanTabs(ctx)).toEqual(['Launch']);
  });
});

describe('the empty plan tab', () => {
  test('has the plan headers, owners from the Team tab, and is marked as a plan; each click makes a new one', () => {
    const ctx = createDemoContext({ today });
    const first = createPlanTab(ctx);
    expect(first).toEqual({ tab: '推进表 (2)', message: '已创建「推进表 (2)」：每行填一个事项，然后点“生成甘特图”。' });
    const spec = ctx.workbook.tab('推进表 (2)').spec;
    expect(spec.rows).toEqual([['阶段', '事项', '要求', '参与人', '负责人', '开始日期', '结束日期', '工期(天)', '前置事项', '进度', '状态']]);
    expect(spec.validations?.find((v) => v.range.col === 4)?.rule).toEqual({ type: 'listFromRange', tab: '团队', a1: 'A2:A', strict: false });
    expect(ctx.workbook.activeTabName()).toBe('推进表 (2)');
    expect(ctx.ui.messages.map((m) => m.message)).toEqual([first.message]);

    ctx.workbook.setCell('推进表 (2)', 1, 1, '写好的事项');
    const second = createPlanTab(ctx);
    expect(second.tab).toBe('推进表 (3)');
    expect(ctx.workbook.readTab('推进表 (2)')[1][1]).toBe('写好的事项');
    expect(
      ctx.workbook
        .listTabs()
        .filter((t) => t.marker?.kind === 'plan')
        .map((t) => t.marker?.key),
    ).toEqual([{ number: '' }, { number: '2' }]);
  });

  test('filled in, it generates its own Gantt tab; left empty, it says to fill in tasks', () => {
    const ctx = createDemoContext({ today });
    const { tab } = createPlanTab(ctx);
    expect(problemsOf(() => generateGantt(ctx, { planTab: tab }))[0]).toMatchObject({ code: 'gantt.error.noTasks', location: { tab } });
    ctx.workbook.setCell(tab, 1, 1, '开营');
    ctx.workbook.setCell(tab, 1, 4, '林晓');
    ctx.workbook.setCell(tab, 1, 5, d('2027-01-04'));
    ctx.workbook.setCell(tab, 1, 7, 0);
    const result = generateGantt(ctx, { planTab: tab });
    expect(result.tab).toBe(`甘特图·${tab}`);
    expect(ctx.workbook.listTabs().find((t) => t.name === result.tab)?.marker).toMatchObject({ kind: 'gantt', key: { plan: tab } });
    // A 0-day task is a milestone: a ◆ on its day.
    const spec = ganttOf(ctx, result.tab);
    const cell = spec.rows[taskRow(spec, '开营')][dayColumn(spec, d('2027-01-04'))];
    expect(cell).toMatchObject({ value: '◆' });
  });

  test('without a Team tab, owners are free text: no dropdown pointing at a missing tab, grey bars and a warning', () => {
    const ctx = createLocalContext({ today });
    const { tab } = createPlanTab(ctx);
    expect(ctx.workbook.tab(tab).spec.validations?.some((v) => v.rule.type === 'listFromRange')).toBe(false);
    const pasted = pastedTab(DEMO_FILES.pushPlan);
    ctx.workbook.addPlainTab('活动推进', pasted.values, pasted.formats);
    expect(getGanttState(ctx)).toMatchObject({ teamTab: null, planTabs: [tab, '活动推进'] });
    const result = generateGantt(ctx, { planTab: '活动推进' });
    const spec = ganttOf(ctx, '甘特图·活动推进');
    expect(spec.validations?.some((v) => v.rule.type === 'listFromRange')).toBe(false);
    expect(barColors(spec, '话术库整理', '2026-12-04', '2026-12-07')).toEqual(Array(4).fill(GREY));
    expect(result.summary.warnings).toContain('「活动推进」 第 2 行：负责人“林晓”不在团队名单中（4 个事项），色条显示为灰色。');
  });
});

describe('the Gantt tab is linked to the plan, and regenerating keeps what people typed on it', () => {
  test('editing the plan’s owner updates the Gantt owner and bar live in the playground recomputation, without generating again', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    const row = taskRow(ganttOf(ctx), '1V1跟进关单');
    expect(shown(ctx, '甘特图', row, OWNER_COL)).toBe('陈默');

    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.owner, '王蕾');
    expect(shown(ctx, '甘特图', row, OWNER_COL)).toBe('王蕾');
    expect(barColors(ganttOf(ctx), '1V1跟进关单', '2026-12-15', '2026-12-22')).toEqual(Array(8).fill(colorOf(ctx, '王蕾')));
    // The progress and an explicit end date follow the plan the same way: 50% of 8 days done, one more day.
    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.progress, 0.5);
    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.end, d('2026-12-23'));
    expect(barColors(ganttOf(ctx), '1V1跟进关单', '2026-12-14', '2026-12-24')).toEqual([
      null,
      ...Array(5).fill(doneOf(ctx, '王蕾')),
      ...Array(4).fill(colorOf(ctx, '王蕾')),
      null,
    ]);
    // A task no longer in the plan shows blanks, not the data of whichever task is in its old row.
    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.name, '1V1跟进');
    expect(shown(ctx, '甘特图', row, OWNER_COL)).toBeNull();
  });

  test('the workload and the per-owner task lists follow an owner and a date changed on the Gantt tab or in the plan, without generating again', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    const texts = () => ctx.workbook.readTab('甘特图');
    const footer = () => texts().findIndex((cells) => cells[0] === '负责人与工作量');
    const load = (owner: string) =>
      texts()
        .find((cells, r) => r > footer() && cells[1] === owner)!
        .slice(2, 5);
    const listed = (header: string) => {
      const rows = texts();
      const at = rows.findIndex((cells) => cells[1] === header);
      if (at < 0) return null;
      const end = rows.findIndex((cells, r) => r > at && (cells[1] ?? '') !== '' && String(cells[1]).includes('项）'));
      return rows.slice(at + 1, end < 0 ? undefined : end).flatMap((cells) => (cells[2] ? [cells[2]] : []));
    };
    const row = taskRow(ganttOf(ctx), '1V1跟进关单'); // 陈默's only task, 2026-12-15 … 12-22
    const [wangTasks, wangBusy] = load('王蕾') as number[];
    expect(load('陈默')).toEqual([1, 8, 0]);
    expect(listed('陈默（1 项）')).toEqual(['1V1跟进关单']);

    ctx.workbook.setCell('甘特图', row, OWNER_COL, '王蕾');
    expect(load('陈默')).toEqual([0, 0, 0]);
    expect(load('王蕾')[0]).toBe(wangTasks + 1);
    expect(load('王蕾')[1]).toBeGreaterThan(wangBusy);
    expect(listed('陈默（1 项）')).toBeNull();
    expect(listed(`王蕾（${wangTasks + 1} 项）`)).toContain('1V1跟进关单');

    // A date: two more days for the task, two more busy days for its owner (none of them shared with another task of hers).
    const busy = load('王蕾')[1] as number;
    ctx.workbook.setCell('甘特图', row, END_COL, d('2026-12-24'));
    expect(load('王蕾')[1]).toBe(busy + 2);

    // In the plan: the owner of another task moves it to 陈默's list.
    ctx.workbook.setCell('推进表', planRow(ctx, '营销直播课'), PLAN.owner, '陈默');
    expect(load('陈默')[0]).toBe(1);
    expect(listed('陈默（1 项）')).toEqual(['营销直播课']);
    // Clearing an owner puts the task under (无负责人).
    ctx.workbook.setCell('甘特图', row, OWNER_COL, null);
    expect(load('（无负责人）')[0]).toBe(1);
    expect(listed('（无负责人）（1 项）')).toEqual(['1V1跟进关单']);
  });

  test('the plan may be re-sorted: each Gantt row still shows its own task', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    const plan = ctx.workbook.readTab('推进表');
    const reversed = [plan[0], ...plan.slice(1).reverse()];
    reversed.forEach((cells, r) => cells.forEach((cell, c) => ctx.workbook.setCell('推进表', r, c, cell)));
    const gantt = ctx.workbook.readTab('甘特图');
    for (const task of ['确定活动主题与目标', '海报与物料设计', '结营与复盘']) {
      const planned = plan.find((cells) => cells[PLAN.name] === task)!;
      expect(gantt[taskRow(ganttOf(ctx), task)][OWNER_COL]).toBe(planned[PLAN.owner]);
    }
  });

  test('an owner changed on the Gantt tab survives regeneration, and the toast says so', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    ctx.workbook.setCell('甘特图', taskRow(ganttOf(ctx), '1V1跟进关单'), OWNER_COL, '王蕾');
    ctx.ui.messages.length = 0;

    const again = generateGantt(ctx, { planTab: '推进表' });
    expect(again.edits).toEqual({ kept: 1, keptRows: 0, removed: [] });
    // 陈默 had only this task: the tab now shows 5 owners.
    expect(again.message).toBe('已生成甘特图 · 9 项任务 · 2026-12-01 → 2026-12-29 · 5 人 · 保留了甘特图上手动修改的 1 处');
    expect(ctx.ui.messages.map((m) => m.message)).toEqual([again.message]);
    const spec = ganttOf(ctx);
    expect(shown(ctx, '甘特图', taskRow(spec, '1V1跟进关单'), OWNER_COL)).toBe('王蕾');
    expect(barColors(spec, '1V1跟进关单', '2026-12-15', '2026-12-22')).toEqual(Array(8).fill(colorOf(ctx, '王蕾')));
    // Every other owner is still a live link to the plan.
    expect(shown(ctx, '甘特图', taskRow(spec, '营销直播课'), OWNER_COL)).toBe('赵老师');
    ctx.workbook.setCell('推进表', planRow(ctx, '营销直播课'), PLAN.owner, '周舟');
    expect(shown(ctx, '甘特图', taskRow(ganttOf(ctx), '营销直播课'), OWNER_COL)).toBe('周舟');
    // The workload and the per-owner task lists count the kept owner: 王蕾 now has two tasks, 陈默 none.
    const texts = ctx.workbook.readTab('甘特图');
    expect(texts.some((cells) => cells[1] === '王蕾（2 项）')).toBe(true);
    expect(texts.some((cells) => cells[1] === '陈默（1 项）')).toBe(false);
    // It stays kept run after run, even when the plan's owner for that task changes.
    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.owner, '林晓');
    expect(generateGantt(ctx, { planTab: '推进表' }).edits.kept).toBe(1);
    expect(shown(ctx, '甘特图', taskRow(ganttOf(ctx), '1V1跟进关单'), OWNER_COL)).toBe('王蕾');
  });

  test('a progress typed on the Gantt tab survives, with a status and a phase typed there too', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    const row = taskRow(ganttOf(ctx), '海报与物料设计');
    ctx.workbook.setCell('甘特图', row, PROGRESS_COL, 0.75);
    ctx.workbook.setCell('甘特图', row, STATUS_COL, '进行中');
    ctx.workbook.setCell('甘特图', row, PHASE_COL, '营前·设计');
    // Meanwhile the plan moves on: another task's progress, and this task's end date.
    ctx.workbook.setCell('推进表', planRow(ctx, '用户调研问卷'), PLAN.progress, 1);

    const again = generateGantt(ctx, { planTab: '推进表' });
    expect(again.edits.kept).toBe(3);
    const after = taskRow(ganttOf(ctx), '海报与物料设计');
    expect([PROGRESS_COL, STATUS_COL, PHASE_COL].map((col) => shown(ctx, '甘特图', after, col))).toEqual([0.75, '进行中', '营前·设计']);
    // 75% of 4 days = 3 done days, then 孙悦's colour.
    expect(barColors(ganttOf(ctx), '海报与物料设计', '2026-12-03', '2026-12-06')).toEqual([...Array(3).fill(doneOf(ctx, '孙悦')), colorOf(ctx, '孙悦')]);
    // The plan's own change came through: 用户调研问卷 is done.
    expect(barColors(ganttOf(ctx), '用户调研问卷', '2026-12-02', '2026-12-04')).toEqual(Array(3).fill(doneOf(ctx, '周舟')));
  });

  test('clearing a cell typed on the Gantt tab gives it back to the plan', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    const row = taskRow(ganttOf(ctx), '话术库整理');
    ctx.workbook.setCell('甘特图', row, OWNER_COL, '周舟');
    expect(generateGantt(ctx, { planTab: '推进表' }).edits.kept).toBe(1);
    ctx.workbook.setCell('甘特图', taskRow(ganttOf(ctx), '话术库整理'), OWNER_COL, null);
    expect(generateGantt(ctx, { planTab: '推进表' }).edits.kept).toBe(0);
    expect(shown(ctx, '甘特图', taskRow(ganttOf(ctx), '话术库整理'), OWNER_COL)).toBe('王蕾');
  });

  test('dates computed from predecessors are recomputed, unless one was typed on the Gantt tab', () => {
    const ctx = livePlayground();
    // 用户调研问卷 and 海报与物料设计 lose their start dates: they now follow 确定活动主题与目标 (ends 12-02).
    for (const task of ['用户调研问卷', '海报与物料设计']) ctx.workbook.setCell('推进表', planRow(ctx, task), PLAN.start, null);
    generateGantt(ctx, { planTab: '推进表' });
    const start = (task: string) => shown(ctx, '甘特图', taskRow(ganttOf(ctx), task), START_COL);
    expect([start('用户调研问卷'), start('海报与物料设计')]).toEqual([d('2026-12-03'), d('2026-12-03')]);
    // A manager moves 海报与物料设计 by two days on the Gantt tab; the plan's first task then ends a day later.
    ctx.workbook.setCell('甘特图', taskRow(ganttOf(ctx), '海报与物料设计'), START_COL, d('2026-12-05'));
    ctx.workbook.setCell('推进表', planRow(ctx, '确定活动主题与目标'), PLAN.end, d('2026-12-03'));
    const again = generateGantt(ctx, { planTab: '推进表' });
    expect(again.edits.kept).toBe(1);
    expect([start('用户调研问卷'), start('海报与物料设计')]).toEqual([d('2026-12-04'), d('2026-12-05')]);
    // The plan moves back: the untyped date follows, the typed one stays.
    ctx.workbook.setCell('推进表', planRow(ctx, '确定活动主题与目标'), PLAN.end, d('2026-12-02'));
    expect(generateGantt(ctx, { planTab: '推进表' }).edits.kept).toBe(1);
    expect([start('用户调研问卷'), start('海报与物料设计')]).toEqual([d('2026-12-03'), d('2026-12-05')]);
    // An explicit date typed in the plan is linked: the Gantt's 结束日期 follows it without a run.
    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.end, d('2026-12-24'));
    expect(shown(ctx, '甘特图', taskRow(ganttOf(ctx), '1V1跟进关单'), END_COL)).toBe(d('2026-12-24'));
  });

  test('a task removed from the plan: its row goes and is named, unless something was typed in it, then it is kept below the tasks', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    ctx.workbook.setCell('甘特图', taskRow(ganttOf(ctx), '营销直播课'), STATUS_COL, '已完成');
    // Both tasks leave the plan (their rows cleared; 1V1跟进关单 no longer waits for the live class).
    for (const task of ['营销直播课', '话术库整理']) {
      const row = planRow(ctx, task);
      for (let col = 0; col <= PLAN.progress; col++) ctx.workbook.setCell('推进表', row, col, null);
    }
    ctx.workbook.setCell('推进表', planRow(ctx, '1V1跟进关单'), PLAN.predecessors, '开营仪式与群规');
    ctx.workbook.setCell('推进表', planRow(ctx, '开营仪式与群规'), PLAN.predecessors, '海报与物料设计');

    const again = generateGantt(ctx, { planTab: '推进表' });
    expect(again.edits).toEqual({ kept: 0, keptRows: 1, removed: ['话术库整理'] });
    expect(again.message).toBe(
      '已生成甘特图 · 7 项任务 · 2026-12-01 → 2026-12-29 · 4 人 · 1 个已不在推进表中的事项有手动填写的内容，保留在任务下方 · 移除了推进表中已没有的 1 个事项：话术库整理',
    );
    const texts = ctx.workbook.readTab('甘特图');
    const title = texts.findIndex((cells) => cells[0] === '推进表中已没有的事项（保留了在甘特图上填写的内容）');
    expect(title).toBe(FIRST_TASK_ROW + 7);
    expect(texts[title + 1].slice(0, 10)).toEqual(['7', null, '营销直播课', null, null, null, null, 1, null, '已完成']);
    expect(texts.some((cells) => cells[2] === '话术库整理')).toBe(false);
    // The kept row has no bar, and it is kept again by the next run.
    const footer = texts.findIndex((cells) => cells[0] === '负责人与工作量');
    expect(ganttOf(ctx).conditionalFormats!.every((rule) => rule.ranges.every((r) => r.row + r.rows <= title || r.row > footer))).toBe(true);
    expect(generateGantt(ctx, { planTab: '推进表' }).edits).toEqual({ kept: 0, keptRows: 1, removed: [] });
    // Back in the plan, the task takes its typed status with it.
    const free = ctx.workbook.readTab('推进表').length;
    ctx.workbook.setCell('推进表', free, PLAN.name, '营销直播课');
    ctx.workbook.setCell('推进表', free, PLAN.owner, '赵老师');
    ctx.workbook.setCell('推进表', free, PLAN.start, d('2026-12-15'));
    ctx.workbook.setCell('推进表', free, PLAN.end, d('2026-12-15'));
    expect(generateGantt(ctx, { planTab: '推进表' }).edits).toEqual({ kept: 1, keptRows: 0, removed: [] });
    expect(shown(ctx, '甘特图', taskRow(ganttOf(ctx), '营销直播课'), STATUS_COL)).toBe('已完成');
  });

  test('in English the toast counts the kept edits too', () => {
    const ctx = livePlayground({ locale: 'en_US' });
    generateGantt(ctx, { planTab: 'Push plan' });
    ctx.workbook.setCell('Gantt', taskRow(ganttOf(ctx, 'Gantt'), '营销直播课'), OWNER_COL, '周舟');
    ctx.workbook.setCell('Gantt', taskRow(ganttOf(ctx, 'Gantt'), '营销直播课'), PROGRESS_COL, 0.5);
    expect(generateGantt(ctx, { planTab: 'Push plan' }).message).toBe(
      'Gantt generated · 9 tasks · 2026-12-01 → 2026-12-29 · 5 owners · kept 2 edits made on the Gantt tab',
    );
  });

  test('a Gantt tab whose header row was deleted is not overwritten: the edits in it could not be kept', () => {
    const ctx = livePlayground();
    generateGantt(ctx, { planTab: '推进表' });
    const width = ctx.workbook.readTab('甘特图')[3].length;
    for (let col = 0; col < width; col++) ctx.workbook.setCell('甘特图', 3, col, null);
    const before = JSON.stringify(ganttOf(ctx));
    expect(problemsOf(() => generateGantt(ctx, { planTab: '推进表' }))).toEqual([
      { code: 'gantt.error.noGanttHeader', params: { tab: '甘特图' }, location: { tab: '甘特图' } },
    ]);
    expect(JSON.stringify(ganttOf(ctx))).toBe(before);
  });
});
