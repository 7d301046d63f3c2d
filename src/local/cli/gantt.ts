/**
 * `gantt --tasks FILE …`: a push plan from a .tsv/.csv/.xlsx scheduled, as JSON, as text, or as a
 * workbook with the plan and its live Gantt tab.
 * `gantt --update FILE.xlsx [--plan TAB] …`: the Gantt tab of a plan tab in a workbook generated or
 * updated in place, as the sidebar does in Sheets.
 */
import { api } from '../../app/api';
import { listPlanTabs } from '../../app/gantt';
import { generatedNote, openSession, readTeam, writeGeneratedTabs } from '../../app/session';
import { AppError, formatProblem, isAppError, type Problem } from '../../core/errors';
import { analyzePlanGrid, type GanttAnalysis } from '../../core/gantt/analyze';
import { chineseCalendar } from '../../core/gantt/china';
import { findPlanHeader } from '../../core/gantt/plan';
import { ganttToJson, type GanttJson } from '../../core/gantt/tab';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { range, type Cell, type CellValue, type FormatRun } from '../../core/tab/spec';
import { buildTeamTab } from '../../core/team/tab';
import { readTeamList, type Person } from '../../core/team/team';
import type { Translate } from '../../core/i18n';
import { createLocalContext } from '../context';
import { dataInput } from '../typed-input';
import type { ParsedArgs } from './args';
import { loadWorkbook, option, printJson, readFirstGrid, saveWorkbook } from './io';
import { defineCommand, type CliCommands, type CliEnv, type CliOption } from './types';

const GANTT_OPTIONS = {
  tasks: { value: 'FILE', summary: { 'zh-CN': '推进表文件（.tsv/.csv/.xlsx）', en: 'The push plan file (.tsv/.csv/.xlsx)' } },
  update: {
    value: 'FILE.xlsx',
    summary: {
      'zh-CN': '按这个工作簿中的推进表原地生成或更新甘特图（代替 --tasks）',
      en: 'Generate or update the Gantt of this workbook’s plan tab in place (instead of --tasks)',
    },
  },
  plan: { value: 'TAB', summary: { 'zh-CN': '与 --update 同用：推进表标签页（默认第一个）', en: 'With --update: the plan tab (the first one by default)' } },
  'working-days': {
    summary: {
      'zh-CN': '工期按工作日计算（跳过周末和法定假日，调休上班计入）',
      en: 'Durations count working days (weekends and legal holidays skipped, make-up days counted)',
    },
  },
  team: { value: 'FILE', summary: { 'zh-CN': '团队名单（.tsv/.csv/.xlsx）', en: 'Team list (.tsv/.csv/.xlsx)' } },
  json: { summary: { 'zh-CN': '以 JSON 输出排期、工作量和提醒', en: 'Print the schedule, workload and warnings as JSON' } },
  out: { value: 'FILE.xlsx', summary: { 'zh-CN': '写入 .xlsx 工作簿（团队、推进表、甘特图）', en: 'Write an .xlsx workbook (team, plan, Gantt)' } },
} satisfies Record<string, CliOption>;

type GanttArgs = ParsedArgs<keyof typeof GANTT_OPTIONS>;

const gantt = defineCommand({
  summary: {
    'zh-CN': '推进表甘特图：排期、工作量、提醒（--json 输出 JSON，--out 写入 .xlsx，--update 在已有工作簿中按推进表原地更新）',
    en: 'Push plan Gantt: schedule, workload, warnings (--json prints JSON, --out writes an .xlsx, --update regenerates from a plan tab in a workbook)',
  },
  options: GANTT_OPTIONS,
  async run(args, env) {
    const { io, tr } = env;
    const update = option(args, 'update');
    if (update) return updateWorkbook(args, env, update);
    const tasksPath = option(args, 'tasks');
    if (!tasksPath) {
      io.stderr(tr('cli.error.missingOption', { option: '--tasks FILE' }));
      return 1;
    }
    const teamPath = option(args, 'team');
    const out = option(args, 'out');
    const workingDays = args.options['working-days'] === true;
    const plan = await readFirstGrid(tasksPath);
    const team = teamPath ? readTeamList((await readFirstGrid(teamPath)).values, teamPath) : [];

    const analysis = analyze(plan.values, plan.name, team, workingDays);
    if (analysis.errors.length) {
      for (const problem of analysis.errors) io.stderr(formatProblem(problem, tr));
      if (args.options.json === true) printJson(io, ganttToJson(analysis, env.lang));
      return 1;
    }
    if (out) await writeGanttWorkbook(env, out, { name: plan.name, values: plan.values }, team, workingDays);
    if (args.options.json === true) printJson(io, ganttToJson(analysis, env.lang));
    else if (!out) io.stdout(planText(ganttToJson(analysis, env.lang), tr));
    return 0;
  },
});

export const ganttCommands: CliCommands = { gantt };

/**
 * The Gantt tab of a plan tab of the workbook (--plan, else the first plan tab), generated or updated
 * in place by the same use case as in Sheets, and the workbook saved with only what changed rewritten.
 * The plan is checked first: a plan that cannot be scheduled writes nothing.
 */
async function updateWorkbook(args: GanttArgs, env: CliEnv, file: string): Promise<number> {
  const { io, tr } = env;
  if (option(args, 'tasks')) {
    // The plan comes from the workbook; a second plan from a file would leave which one to draw unsaid.
    io.stderr(tr('cli.error.conflictingOptions', { option: '--tasks', other: '--update' }));
    return 1;
  }
  const json = args.options.json === true;
  // --update without --out writes the workbook back where it came from (unless only JSON is asked for).
  const out = option(args, 'out') ?? (json ? undefined : file);
  const workingDays = args.options['working-days'] === true;
  const loaded = await loadWorkbook(file);
  const ctx = createLocalContext({
    workbook: loaded.workbook,
    locale: env.lang === 'en' ? 'en_US' : 'zh_CN',
    settings: { workingDays: workingDays ? 'working' : 'calendar' },
  });
  const teamPath = option(args, 'team');
  if (teamPath) api.saveTeam(ctx, readTeamList((await readFirstGrid(teamPath)).values, teamPath));
  const planTab = option(args, 'plan') ?? listPlanTabs(ctx)[0];
  if (!planTab) throw new AppError({ code: 'gantt.error.noPlanTab', location: { file } });

  const analysis = analyze(ctx.workbook.readTab(planTab), planTab, readTeam(ctx).team, workingDays);
  if (analysis.errors.length) {
    for (const problem of analysis.errors) io.stderr(formatProblem(problem, tr));
    if (json) printJson(io, ganttToJson(analysis, env.lang));
    return 1;
  }
  if (out) {
    const result = api.generateGantt(ctx, { planTab, workingDays });
    await saveWorkbook(ctx, out, loaded.bytes);
    io.stderr(result.message);
    io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
  }
  if (json) printJson(io, ganttToJson(analysis, env.lang));
  else if (!out) io.stdout(planText(ganttToJson(analysis, env.lang), tr));
  return 0;
}

/** The analysis, with a plan that cannot be read turned into errors (so --json can print them too). */
function analyze(grid: CellValue[][], tab: string, team: Person[], workingDays: boolean): GanttAnalysis {
  const settings = { ...DEFAULT_SETTINGS, workingDays: workingDays ? ('working' as const) : ('calendar' as const) };
  let problems: Problem[];
  try {
    const analysis = analyzePlanGrid(grid, { tab, settings, team, calendar: chineseCalendar });
    // Without --team there is no team to check owners against: "not on the team" would flag every owner.
    return team.length ? analysis : { ...analysis, warnings: analysis.warnings.filter((w) => w.code !== 'gantt.warning.unknownOwner') };
  } catch (error) {
    if (!isAppError(error)) throw error;
    problems = error.problems;
  }
  return {
    planTab: tab,
    workingDays,
    tasks: [],
    workload: { threshold: settings.overloadThreshold, owners: [], unowned: [], warnings: [] },
    warnings: [],
    errors: problems,
  };
}

/**
 * The workbook a person opens elsewhere: the Team tab (with --team), the plan as a plain tab (as if
 * pasted: dates and percentages typed), and the Gantt tab made by the same use case as in Sheets.
 */
async function writeGanttWorkbook(
  env: CliEnv,
  out: string,
  plan: { name: string; values: CellValue[][] },
  team: Person[],
  workingDays: boolean,
): Promise<void> {
  const ctx = createLocalContext({ locale: env.lang === 'en' ? 'en_US' : 'zh_CN', settings: { workingDays: workingDays ? 'working' : 'calendar' } });
  const session = openSession(ctx);
  if (team.length) writeGeneratedTabs(ctx, [buildTeamTab(team, session.lang, generatedNote(ctx, session, session.tr('menu.team')))]);
  const pasted = pastedPlan(plan.values);
  const planTab = ctx.workbook.addPlainTab(plan.name, pasted.values, pasted.formats);
  const result = api.generateGantt(ctx, { planTab, workingDays });
  await saveWorkbook(ctx, out);
  env.io.stderr(result.message);
  env.io.stderr(env.tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
}

/** Text cells typed as a spreadsheet would type them, with date and percent formats on the plan's date and progress columns. */
function pastedPlan(grid: CellValue[][]): { values: Cell[][]; formats: FormatRun[] } {
  const values = grid.map((row) => row.map((cell): Cell => (typeof cell === 'string' ? dataInput(cell) : cell)));
  const header = findPlanHeader(grid);
  if (!header) throw new AppError({ code: 'gantt.error.noHeader' });
  const dataRows = grid.length - header.index - 1;
  const formats: FormatRun[] = [];
  const format = (col: number | undefined, kind: FormatRun['format']): void => {
    if (col !== undefined && dataRows > 0) formats.push({ range: range(header.index + 1, col, dataRows, 1), format: kind });
  };
  format(header.columns.start, 'date');
  format(header.columns.end, 'date');
  format(header.columns.progress, 'percent');
  return { values, formats };
}

/** One line per task, then one per owner, then the warnings: for a person reading the terminal. */
function planText(json: GanttJson, tr: Translate): string {
  const lines = json.tasks.map((task) =>
    tr('gantt.cli.task', { start: task.start, end: task.end, days: task.days, owner: task.owner || tr('gantt.cli.noOwner'), task: task.name }),
  );
  lines.push('');
  for (const [owner, load] of Object.entries(json.workload)) {
    lines.push(tr('gantt.cli.owner', { owner, tasks: load.tasks, busyDays: load.busyDays, overloaded: load.overloadedDays.length }));
  }
  if (json.warnings.length) lines.push('', ...json.warnings);
  return lines.join('\n');
}
