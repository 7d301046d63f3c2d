import samplePlan from './fixtures/push-plan.tsv';
import sampleTeam from './fixtures/team.tsv';
import { analyzePlan, type GanttAnalysis } from '../../../src/core/gantt/analyze';
import { chineseCalendar } from '../../../src/core/gantt/china';
import { readPlanGrid, type PlanTask } from '../../../src/core/gantt/plan';
import { GANTT_COLORS, buildGanttTab, doneColorOf, ganttToJson, type GanttTabInput } from '../../../src/core/gantt/tab';
import type { Lang } from '../../../src/core/i18n';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import { textWidth } from '../../../src/core/tab/row-heights';
import { cellValue, isFormulaCell, type TabSpec } from '../../../src/core/tab/spec';
import { readTeamGrid, type Person } from '../../../src/core/team/team';
import type { ScheduledTask } from '../../../src/core/gantt/schedule';
import { spreadsheet } from '../../support/formulas';
import { d, plan, task, tsvGrid } from './helpers';
import { problemsOf } from '../../support/problems';

const team = readTeamGrid(tsvGrid(sampleTeam));
const FIRST_TASK_ROW = 4;
const FIRST_DAY_COL = 11;

function analyze(tasks: PlanTask[], settings: Partial<Settings> = {}, people: Person[] = team): GanttAnalysis {
  return analyzePlan({ tab: '推进表', tasks }, { settings: { ...DEFAULT_SETTINGS, ...settings }, team: people, calendar: chineseCalendar });
}

function tab(analysis: GanttAnalysis, overrides: Partial<GanttTabInput> = {}): TabSpec {
  return buildGanttTab({
    analysis,
    team,
    lang: 'zh-CN',
    calendar: chineseCalendar,
    teamTabName: '团队',
    planTabName: '推进表',
    generatedAt: '2026-11-20 10:00',
    ...overrides,
  });
}

/**
 * The colour a task's bar should have on a day, or null outside it: its done part (start + progress ×
 * its days, rounded; a progress above 1 is a percentage) in its owner's colour darkened (the done grey
 * for no one on the team), then its owner's Team colour (names compare ignoring case, as in a
 * formula), else the unassigned grey.
 */
function expectedBarColor(task: ScheduledTask, day: number): string | null {
  if (day < task.start || day > task.end) return null;
  const share = task.progress > 1 ? task.progress / 100 : task.progress;
  const owner = team.find((person) => person.name.toLowerCase() === task.owner.toLowerCase());
  if (day < task.start + Math.round(share * (task.end - task.start + 1))) return owner ? doneColorOf(owner.color) : GANTT_COLORS.done;
  return owner?.color ?? GANTT_COLORS.unassigned;
}

const sample = (settings: Partial<Settings> = {}): GanttAnalysis => analyze(readPlanGrid(tsvGrid(samplePlan), { tab: '推进表' }).tasks, settings);

describe('the sample push plan, end to end', () => {
  test('prints the CLI JSON exactly (calendar days)', () => {
    const task = (name: string, owner: string, participants: string[], start: string, end: string, days: number, progress: number, dependsOn: string[]) => ({
      name,
      owner,
      participants,
      start,
      end,
      days,
      progress,
      dependsOn,
    });
    const expected = {
      tasks: [
        task('确定活动主题与目标', '林晓', ['陈默', '王蕾'], '2026-12-01', '2026-12-02', 2, 1, []),
        task('用户调研问卷', '周舟', ['周舟'], '2026-12-02', '2026-12-04', 3, 0.6, ['确定活动主题与目标']),
        task('海报与物料设计', '孙悦', ['林晓'], '2026-12-03', '2026-12-06', 4, 0.3, ['确定活动主题与目标']),
        task('话术库整理', '王蕾', ['陈默'], '2026-12-04', '2026-12-07', 4, 0, ['用户调研问卷']),
        task('开营仪式与群规', '林晓', ['赵老师'], '2026-12-08', '2026-12-08', 1, 0, ['海报与物料设计', '话术库整理']),
        task('每日打卡与催课', '林晓', ['周舟'], '2026-12-09', '2026-12-21', 13, 0, ['开营仪式与群规']),
        task('营销直播课', '赵老师', ['林晓'], '2026-12-15', '2026-12-15', 1, 0, ['开营仪式与群规']),
        task('1V1跟进关单', '陈默', ['王蕾'], '2026-12-15', '2026-12-22', 8, 0, ['营销直播课']),
        task('结营与复盘', '林晓', ['陈默', '王蕾', '赵老师'], '2026-12-23', '2026-12-29', 7, 0, ['1V1跟进关单']),
      ],
      workload: {
        林晓: { tasks: 4, busyDays: 23, overloadedDays: [] },
        周舟: { tasks: 1, busyDays: 3, overloadedDays: [] },
        陈默: { tasks: 1, busyDays: 8, overloadedDays: [] },
        王蕾: { tasks: 1, busyDays: 4, overloadedDays: [] },
        赵老师: { tasks: 1, busyDays: 1, overloadedDays: [] },
        孙悦: { tasks: 1, busyDays: 4, overloadedDays: [] },
      },
      warnings: [],
      errors: [],
    };
    expect(JSON.stringify(ganttToJson(sample(), 'zh-CN'))).toBe(JSON.stringify(expected));
  });

  test('with working days, durations and busy days count only working days', () => {
    const json = ganttToJson(sample({ workingDays: 'working' }), 'en');
    // Dec 2026 has no holidays: weekends are skipped (Dec 5–6, 12–13, 19–20, 26–27).
    expect(json.tasks.map((t) => t.days)).toEqual([2, 3, 2, 2, 1, 9, 1, 6, 5]);
    expect(json.workload['林晓'].busyDays).toBe(2 + 1 + 9 + 5);
  });

  test('the Gantt tab: task columns, a day column from 2 days before the first start to 3 days after the last end', () => {
    const spec = tab(sample());
    expect(spec.name).toBe('甘特图');
    expect(spec.marker).toEqual({ kind: 'gantt', key: { plan: '推进表' } });
    expect(spec.frozenRows).toBe(4);
    expect(spec.frozenColumns).toBe(3);
    expect(spec.columns).toHaveLength(11 + 34 + 6); // 2026-11-29 … 2027-01-01, then the hidden bookkeeping
    expect(spec.columns.slice(45).map((c) => [c.key, c.hidden])).toEqual([
      ['planId', true],
      ['planName', true],
      ['computedStart', true],
      ['computedEnd', true],
      ['computedPrint', true],
      ['listKey', true],
    ]);
    expect(spec.rows[3].slice(0, 11)).toEqual(['ID', '阶段', '事项', '负责人', '参与人', '开始日期', '结束日期', '工期(天)', '进度', '状态', '前置事项']);
    // Neighbours share widths (one call per run in Sheets): ID and phase, start to status; the hidden columns take the days'.
    expect(spec.columns.slice(0, 11).map((c) => c.width)).toEqual([56, 56, 170, 100, 100, 80, 80, 80, 80, 80, 100]);
    expect(new Set(spec.columns.slice(11).map((c) => c.width))).toEqual(new Set([26]));
    expect(spec.rows[3][FIRST_DAY_COL]).toBe(d('2026-11-29'));
    expect(spec.rows[3][FIRST_DAY_COL + 33]).toBe(d('2027-01-01'));
    // Two days of November take the short label (the year goes to the first month it fits over); one day of January none.
    expect(spec.rows[0][FIRST_DAY_COL]).toBe('11月');
    expect(spec.rows[0][FIRST_DAY_COL + 2]).toBe('2026年12月');
    expect(spec.rows[0][FIRST_DAY_COL + 33] ?? null).toBeNull();
    // Unmerged: each label spills over its month's empty day cells.
    expect(spec.merges ?? []).toEqual([]);
    expect(spec.rows[1].slice(FIRST_DAY_COL, FIRST_DAY_COL + 4)).toEqual([29, 30, 1, 2]);
    expect(spec.rows[2].slice(FIRST_DAY_COL, FIRST_DAY_COL + 8)).toEqual(['日', '一', '二', '三', '四', '五', '六', '日']);
    expect(spec.rows[FIRST_TASK_ROW].slice(0, 11)).toEqual([
      '1',
      '营前',
      '确定活动主题与目标',
      '林晓',
      '陈默、王蕾',
      d('2026-12-01'),
      d('2026-12-02'),
      2,
      1,
      '',
      '',
    ]);
    expect(spec.rows[FIRST_TASK_ROW + 4][10]).toBe('海报与物料设计; 话术库整理');
    expect(spec.formats).toContainEqual({ range: { row: FIRST_TASK_ROW, col: 5, rows: 9, cols: 1 }, format: 'date' });
    expect(spec.validations![0]).toEqual({
      range: { row: FIRST_TASK_ROW, col: 3, rows: 9, cols: 1 },
      rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A', strict: false },
    });
    expect(spec.notes![0]).toMatchObject({ row: 0, col: 0 });
    expect(spec.notes![0].text).toContain('2026-11-20 10:00');
    expect(spec.notes![0].text).toContain('「推进表」');
  });

  test('two bar rules per team member (the done part, darker, then the rest), in the form the sheet reads, plus done, grey, today, overdue, holidays and weekends', () => {
    // The bar rules come first; the workload block's overload mark and the task lists' swatches follow them.
    const rules = tab(sample()).conditionalFormats!.filter((rule) => rule.ranges.every((r) => r.row < FIRST_TASK_ROW + 9));
    expect(rules).toHaveLength(2 * team.length + 6);
    // Weekends and holidays shade the task rows by rule (from the weekday row), under the bars and today.
    expect(rules.slice(-2)).toEqual([
      { ranges: [{ row: FIRST_TASK_ROW, col: FIRST_DAY_COL, rows: 9, cols: 34 }], formula: '=L$3="休"', style: { background: GANTT_COLORS.holiday } },
      {
        ranges: [{ row: FIRST_TASK_ROW, col: FIRST_DAY_COL, rows: 9, cols: 34 }],
        formula: '=OR(L$3="六",L$3="日")',
        style: { background: GANTT_COLORS.weekend },
      },
    ]);
    expect(rules[0]).toEqual({
      ranges: [{ row: FIRST_TASK_ROW, col: FIRST_DAY_COL, rows: 9, cols: 34 }],
      formula: '=AND(L$4>=$F5,L$4<=$G5,L$4<$F5+ROUND(IF($I5>1,$I5/100,$I5)*($G5-$F5+1),0),$D5="林晓")',
      style: { background: '#465f7a', fontColor: '#ffffff' },
    });
    expect(rules[team.length].style.background).toBe(GANTT_COLORS.done);
    expect(rules[team.length + 1]).toEqual({
      ranges: [{ row: FIRST_TASK_ROW, col: FIRST_DAY_COL, rows: 9, cols: 34 }],
      formula: '=AND(L$4>=$F5,L$4<=$G5,$D5="林晓")',
      style: { background: '#4e79a7' },
    });
    expect(rules.slice(team.length + 1, 1 + 2 * team.length).map((r) => r.style.background)).toEqual(team.map((p) => p.color));
    expect(rules.slice(0, team.length).map((r) => r.style.background)).toEqual(team.map((p) => doneColorOf(p.color)));
  });

  test("the rules, evaluated cell by cell, paint each bar its done part, its owner's colour, the today column and the weekends", () => {
    const analysis = sample();
    const spec = tab(analysis);
    const today = d('2026-12-10');
    const first = d('2026-11-29');
    const sheet = spreadsheet([spec], today);
    let barCells = 0;
    for (let i = 0; i < analysis.tasks.length; i++) {
      for (let day = first; day <= d('2027-01-01'); day++) {
        // Saturdays and Sundays are shaded, and 元旦 2027-01-01.
        const weekend = day === d('2027-01-01') ? GANTT_COLORS.holiday : [0, 6].includes((((day - 1) % 7) + 7) % 7) ? GANTT_COLORS.weekend : null;
        const expected = expectedBarColor(analysis.tasks[i], day) ?? (day === today ? GANTT_COLORS.today : weekend);
        expect([analysis.tasks[i].name, day, sheet.ruleBackground(FIRST_TASK_ROW + i, FIRST_DAY_COL + day - first)]).toEqual([
          analysis.tasks[i].name,
          day,
          expected,
        ]);
        if (expectedBarColor(analysis.tasks[i], day)) barCells++;
      }
    }
    expect(barCells).toBe(2 + 3 + 4 + 4 + 1 + 13 + 1 + 8 + 7);
    // Spot checks, by hand: 用户调研问卷 (周舟) is 60% done over Dec 2–4: round(1.8) = 2 done days.
    const surveyRow = FIRST_TASK_ROW + 1;
    expect(sheet.ruleBackground(surveyRow, FIRST_DAY_COL + d('2026-12-03') - first)).toBe(doneColorOf('#f28e2b'));
    expect(sheet.ruleBackground(surveyRow, FIRST_DAY_COL + d('2026-12-04') - first)).toBe('#f28e2b');
    expect(sheet.ruleBackground(surveyRow, FIRST_DAY_COL + d('2026-12-05') - first)).toBe(GANTT_COLORS.weekend);
    expect(sheet.ruleBackground(surveyRow, FIRST_DAY_COL + d('2026-12-07') - first)).toBeNull();
    expect(sheet.ruleBackground(1, FIRST_DAY_COL + today - first)).toBe(GANTT_COLORS.today);
  });

  test('editing an owner, a date or the progress in the sheet redraws the bar without rebuilding', () => {
    const analysis = sample();
    const spec = tab(analysis);
    const first = d('2026-11-29');
    const today = d('2026-11-01');
    const row = FIRST_TASK_ROW + 5; // 每日打卡与催课, 林晓, Dec 9–21
    const colOf = (iso: string): number => FIRST_DAY_COL + d(iso) - first;
    // Evaluated afresh after each edit, as the sheet redraws.
    const colorOn = (iso: string): string | null => spreadsheet([spec], today).ruleBackground(row, colOf(iso));
    expect(colorOn('2026-12-10')).toBe('#4e79a7');
    spec.rows[row][3] = '周舟';
    spec.rows[row][6] = d('2026-12-24');
    spec.rows[row][8] = 0.5;
    expect(colorOn('2026-12-10')).toBe(doneColorOf('#f28e2b')); // 8 of 16 days done, in 周舟's colour
    expect(colorOn('2026-12-17')).toBe('#f28e2b');
    expect(colorOn('2026-12-24')).toBe('#f28e2b');
    expect(colorOn('2026-12-25')).toBeNull();
    spec.rows[row][3] = '外包同学';
    expect(colorOn('2026-12-20')).toBe(GANTT_COLORS.unassigned);
    spec.rows[row][8] = 60; // typed as 60 rather than 60%
    expect(colorOn('2026-12-17')).toBe(GANTT_COLORS.done); // no one on the team: the done grey
  });

  test('the workload block lists every team member with counts and busy days; each owner gets a task list', () => {
    const spec = tab(sample());
    const texts = spec.rows.map((r) => r.map(cellValue));
    const lin = texts.find((r, i) => i > 13 && r[1] === '林晓')!;
    expect(lin.slice(0, 6)).toEqual(['', '林晓', 4, 23, 0, undefined]);
    // Under the day columns, 林晓's tasks that day: 确定活动主题与目标 on Dec 1–2, none on Nov 29.
    expect(lin.slice(FIRST_DAY_COL, FIRST_DAY_COL + 5)).toEqual(['', '', 1, 1, '']);
    const listHeader = texts.findIndex((r) => r[1] === '林晓（4 项）');
    expect(listHeader).toBeGreaterThan(0);
    expect(texts.slice(listHeader + 1, listHeader + 5).map((r) => r[2])).toEqual(['确定活动主题与目标', '开营仪式与群规', '每日打卡与催课', '结营与复盘']);
    const warnings = texts.findIndex((r) => r[0] === '提醒');
    expect(texts[warnings + 1][3]).toBe('无');
  });
});

describe('the live workload block', () => {
  test('days with more tasks than the threshold are counted and marked under the day columns, and follow an owner changed in the sheet', () => {
    const spec = tab(
      analyze(
        plan(
          task('海报', { owner: '林晓', start: d('2026-12-01'), end: d('2026-12-03') }),
          task('文案', { owner: '林晓', start: d('2026-12-02'), end: d('2026-12-04') }),
          task('直播', { owner: '周舟', start: d('2026-12-03'), end: d('2026-12-03') }),
        ),
        { overloadThreshold: 1 },
      ),
    );
    const lin = spec.rows.findIndex((cells, r) => r > FIRST_TASK_ROW + 3 && cells[1] === '林晓');
    const col = (iso: string) => FIRST_DAY_COL + d(iso) - d('2026-11-29');
    expect(spec.rows[lin].slice(2, 5).map(cellValue)).toEqual([2, 4, 2]);
    const sheet = spreadsheet([spec], d('2026-11-20'));
    expect(sheet.ruleBackground(lin, col('2026-12-02'))).toBe(GANTT_COLORS.holiday);
    expect(sheet.ruleBackground(lin, col('2026-12-01'))).toBeNull();
    // 周舟 takes 文案 over in the sheet: 林晓's overload is gone, 周舟 has none either (one task on Dec 3 each).
    spec.rows[FIRST_TASK_ROW + 1][3] = '周舟';
    const after = spreadsheet([spec], d('2026-11-20'));
    expect([2, 3, 4].map((c) => after.value(lin, c))).toEqual([1, 3, 0]);
    expect([2, 3, 4].map((c) => after.value(lin + 1, c))).toEqual([2, 3, 1]);
    expect(after.ruleBackground(lin + 1, col('2026-12-03'))).toBe(GANTT_COLORS.holiday);
  });
});

describe('the month labels over the day columns', () => {
  /** The labels of the month row over the day columns, by the ISO date of the column they start in. */
  const monthLabels = (spec: TabSpec): Record<string, string> =>
    Object.fromEntries(spec.rows[0].flatMap((cell, col) => (col >= FIRST_DAY_COL && typeof cell === 'string' ? [[String(spec.columns[col].key), cell]] : [])));

  test('are never wider than their month’s columns: the year on the first month it fits over and on January, else the month alone', () => {
    // Days from 2026-11-29 (two days of November) to 2027-02-03 (three of February).
    const spec = tab(analyze(plan(task('跨年', { owner: '林晓', start: d('2026-12-01'), end: d('2027-01-31') }))));
    expect(monthLabels(spec)).toEqual({ '2026-11-29': '11月', '2026-12-01': '2026年12月', '2027-01-01': '2027年1月', '2027-02-01': '2月' });
    // Each label spills over the empty cells of its month's days, no further: it never reaches the next label.
    const days = spec.columns.map((c) => String(c.key)).filter((key) => /^\d{4}-\d{2}-\d{2}$/.test(key));
    for (const [key, label] of Object.entries(monthLabels(spec))) {
      const width = days.filter((day) => day.slice(0, 7) === key.slice(0, 7)).length * 26 * 0.75;
      expect(textWidth(label, 9) * 1.1).toBeLessThanOrEqual(width);
    }
  });

  test('a month of one day at the edge of the chart gets no label; the next month takes the year', () => {
    // 2026-11-30 … 2026-12-31: one day of November.
    const oneDay = tab(analyze(plan(task('月末', { owner: '林晓', start: d('2026-12-02'), end: d('2026-12-28') }))));
    expect(monthLabels(oneDay)).toEqual({ '2026-12-01': '2026年12月' });
    // 2026-12-30 … 2027-01-04: two days of December, too few for its year, then January with its own.
    const newYear = tab(analyze(plan(task('元旦', { owner: '林晓', start: d('2027-01-01'), end: d('2027-01-01') }))));
    expect(monthLabels(newYear)).toEqual({ '2026-12-30': '12月', '2027-01-01': '2027年1月' });
  });

  test('in English: "Dec 2026", then "Jan 2027" and "Feb"', () => {
    const spec = tab(analyze(plan(task('span', { owner: '林晓', start: d('2026-12-03'), end: d('2027-02-10') }))), { lang: 'en' });
    expect(monthLabels(spec)).toEqual({ '2026-12-01': 'Dec 2026', '2027-01-01': 'Jan 2027', '2027-02-01': 'Feb' });
  });
});

describe('holidays and 调休 in the day header', () => {
  test('国庆 days are marked 休 with the holiday name in a note; the make-up Saturday is marked 班', () => {
    const tasks = plan(
      task('国庆活动', { owner: '林晓', start: d('2026-09-28'), end: d('2026-10-12') }),
      task('复盘', { owner: '林晓', start: d('2026-09-28'), end: d('2026-09-28') }),
    );
    const spec = tab(analyze(tasks, { workingDays: 'working' }));
    const colOf = (iso: string): number => FIRST_DAY_COL + d(iso) - d('2026-09-26');
    expect(spec.rows[2][colOf('2026-10-01')]).toBe('休');
    expect(spec.rows[2][colOf('2026-10-09')]).toBe('五');
    expect(spec.rows[2][colOf('2026-10-10')]).toBe('班');
    expect(spec.notes).toContainEqual({ row: 2, col: colOf('2026-10-01'), text: '国庆节（法定节假日）' });
    expect(spec.notes).toContainEqual({ row: 2, col: colOf('2026-10-10'), text: '调休上班（国庆节）' });
    // The header's shade is the cells'; the task rows take it from the rules (on a row without a bar there).
    const header = (iso: string) => spec.styles!.filter((s) => s.range.col === colOf(iso) && s.range.row === 0).map((s) => s.style.background);
    expect(header('2026-10-01')).toEqual([GANTT_COLORS.holiday]);
    expect(header('2026-10-11')).toEqual([GANTT_COLORS.weekend]);
    expect(header('2026-10-10')).toEqual([]);
    const sheet = spreadsheet([spec], d('2026-09-01'));
    const shaded = (iso: string) => sheet.ruleBackground(FIRST_TASK_ROW + 1, colOf(iso));
    expect(shaded('2026-10-01')).toBe(GANTT_COLORS.holiday);
    expect(shaded('2026-10-11')).toBe(GANTT_COLORS.weekend);
    expect(shaded('2026-10-10')).toBeNull();
    expect(shaded('2026-10-09')).toBeNull();
    expect(sheet.ruleBackground(FIRST_TASK_ROW, colOf('2026-10-01'))).not.toBe(GANTT_COLORS.holiday);
  });
});

describe('milestones', () => {
  test("are drawn as ◆ by a formula in their day cells, on the milestone's day only", () => {
    const tasks = plan(task('定主题', { owner: '林晓', start: d('2026-12-01'), duration: 2 }), task('开营', { owner: '周舟', duration: 0, predecessors: [0] }));
    const spec = tab(analyze(tasks));
    const row = FIRST_TASK_ROW + 1;
    const dayCount = spec.columns.length - FIRST_DAY_COL - 6;
    const cells = spec.rows[row].slice(FIRST_DAY_COL, FIRST_DAY_COL + dayCount);
    expect(cells.every(isFormulaCell)).toBe(true);
    const sheet = spreadsheet([spec], 0);
    const shown = cells.map((_, i) => sheet.value(row, FIRST_DAY_COL + i));
    expect(shown.filter((v) => v === '◆')).toHaveLength(1);
    expect(shown.filter((v) => v !== '◆').every((v) => v === '')).toBe(true);
    expect(shown[d('2026-12-03') - d('2026-11-29')]).toBe('◆');
    // Ordinary rows hold no day cells at all.
    expect(spec.rows[FIRST_TASK_ROW].slice(FIRST_DAY_COL, FIRST_DAY_COL + dayCount).every((cell) => cell === undefined)).toBe(true);
  });
});

/** A plan of n one-to-five-day tasks spanning exactly 90 days, owners cycling through the team and one outsider. */
function generatedPlan(n: number): PlanTask[] {
  const owners = [...team.map((p) => p.name), '外援'];
  const offset = (i: number): number => (i === 0 ? 0 : i === n - 1 ? 85 : (i * 7) % 86);
  const duration = (i: number): number => (i === n - 1 ? 5 : 1 + (i % 5));
  return plan(
    ...Array.from({ length: n }, (_, i) => task(`事项${i}`, { owner: owners[i % owners.length], start: d('2026-03-02') + offset(i), duration: duration(i) })),
  );
}

describe('size', () => {
  test.each([10, 100, 1000])('%i tasks over 90 days: rules = 3 × team + 9, and styles, merges and validations do not grow with tasks', (n) => {
    const spec = tab(analyze(generatedPlan(n)));
    const reference = tab(analyze(generatedPlan(10)));
    expect(spec.columns).toHaveLength(11 + 2 + 90 + 3 + 6);
    // Per member: a done part, a bar, a swatch in the task lists; then done, grey, today, overdue, overload and two for the lists' headers.
    expect(spec.conditionalFormats).toHaveLength(3 * team.length + 9);
    expect(spec.merges).toEqual(reference.merges);
    expect(spec.validations).toHaveLength(2);
    expect(spec.styles!.length).toBe(reference.styles!.length);
  });

  test('a plan of exactly 366 days fits; one more day is refused, naming the span', () => {
    const year = (end: string) => analyze(plan(task('全年', { owner: '林晓', start: d('2026-01-01'), end: d(end) })));
    expect(() => tab(year('2027-01-01'))).not.toThrow();
    expect(problemsOf(() => tab(year('2027-01-02')))).toEqual([
      { code: 'gantt.error.tooLong', params: { start: '2026-01-01', end: '2027-01-02', days: 367, limit: 366 } },
    ]);
  });

  test('a plan needing more columns than Sheets allows is refused as such', () => {
    const decades = analyze(plan(task('长期', { start: d('2000-01-01'), end: d('2060-01-01') })));
    expect(problemsOf(() => tab(decades))[0]).toMatchObject({ code: 'error.tooManyColumns', params: { limit: 18278 } });
  });

  test('a plan needing more than 10 million cells is refused before the day block is built', () => {
    const tasks = plan(...Array.from({ length: 15_000 }, (_, i) => task(`事项${i}`, { owner: '林晓', start: d('2026-01-01') + (i % 366) })));
    expect(problemsOf(() => tab(analyze(tasks)))[0]).toMatchObject({ code: 'error.tooLarge', params: { limit: 10_000_000 } });
  });
});

describe('errors and warnings', () => {
  test('a plan with a cycle builds no tab and its JSON names the tasks', () => {
    const analysis = analyze(plan(task('甲', { predecessors: [1] }), task('乙', { predecessors: [0] })));
    expect(problemsOf(() => tab(analysis))[0].code).toBe('gantt.error.cycle');
    expect(ganttToJson(analysis, 'en')).toEqual({
      tasks: [],
      workload: {},
      warnings: [],
      errors: ['Tab "推进表", row 2: These tasks are each other\'s predecessors, in a cycle: “甲” → “乙” → “甲”. Remove one of these links.'],
    });
  });

  test('missing and unknown owners are warnings, written in the warnings block and the JSON', () => {
    const tasks = plan(task('甲', { start: d('2026-12-01') }), task('乙', { owner: '外援', start: d('2026-12-01') }));
    const analysis = analyze(tasks);
    const json = ganttToJson(analysis, 'zh-CN');
    expect(json.warnings).toEqual([
      '「推进表」 第 2 行：事项“甲”没有负责人，色条显示为灰色。',
      '「推进表」 第 3 行：负责人“外援”不在团队名单中（1 个事项），色条显示为灰色。',
    ]);
    expect(json.workload).toEqual({ 外援: { tasks: 1, busyDays: 1, overloadedDays: [] } });
    const texts = tab(analysis).rows.map((r) => cellValue(r[3]));
    for (const warning of json.warnings) expect(texts).toContain(warning);
  });

  test('English tab: names, weekdays and a plan tab with its own name', () => {
    const spec = tab(sample(), { lang: 'en' as Lang, planTabName: 'Double 11 plan' });
    expect(spec.name).toBe('Gantt · Double 11 plan');
    expect(spec.marker.key).toEqual({ plan: 'Double 11 plan' });
    expect(spec.rows[2][FIRST_DAY_COL]).toBe('Su');
    expect(spec.rows[0][FIRST_DAY_COL]).toBe('Nov');
    expect(spec.rows[0][FIRST_DAY_COL + 2]).toBe('Dec 2026');
    expect(tab(sample(), { planTabName: '双11推进表' }).name).toBe('甘特图·双11推进表');
  });
});
