/**
 * `metrics FILE …` and `metrics --members FILE [--attendance FILE] [--orders FILE] …`: the sidebar's
 * use cases on exported files. --json prints the computed metrics (null for a blank); --out writes a
 * workbook with the data tabs and the live 转化指标 / Metrics tab; without either, a summary per
 * group. Unreadable input exits with code 1 and every bad cell on stderr.
 */
import { AppError } from '../../core/errors';
import type { MessageKey, Translate } from '../../core/i18n';
import {
  computeMetrics,
  computeRawMetrics,
  METRICS,
  metricsToJson,
  parseMetricsGrid,
  type MetricDefinition,
  type MetricsResult,
  type MetricValues,
} from '../../core/metrics';
import { PASTE_LIMITS } from '../../core/metrics/paste';
import { api } from '../../app/api';
import { percentText, type RawMetricsRequest } from '../../app/metrics';
import { createLocalContext } from '../context';
import type { GridFileTab } from '../read-file';
import type { ParsedArgs } from './args';
import { option, printJson, readFirstGrid, saveWorkbook } from './io';
import { defineCommand, type CliCommands, type CliEnv, type CliOption } from './types';

const METRICS_OPTIONS = {
  members: { value: 'FILE', summary: { 'zh-CN': '原始名单：群成员（群、昵称、ID、入群时间）', en: 'Raw list: group members (group, name, ID, join time)' } },
  attendance: { value: 'FILE', summary: { 'zh-CN': '原始名单：到课记录（ID、观看分钟）', en: 'Raw list: attendance (ID, minutes watched)' } },
  orders: { value: 'FILE', summary: { 'zh-CN': '原始名单：订单（订单号、ID、金额、状态…）', en: 'Raw list: orders (order ID, ID, amount, status…)' } },
  'class-minutes': { value: 'MINUTES', summary: { 'zh-CN': '课程时长（分钟，1–1440，默认 90）', en: 'Class length in minutes (1–1440, default 90)' } },
  'completion-share': {
    value: '0–1',
    summary: { 'zh-CN': '完课标准：观看时长占比（默认 0.8）', en: 'Completion rule: share of the class watched (default 0.8)' },
  },
  json: { summary: { 'zh-CN': '以 JSON 输出指标', en: 'Print the metrics as JSON' } },
  out: { value: 'FILE.xlsx', summary: { 'zh-CN': '写入 .xlsx 工作簿（数据与转化指标）', en: 'Write an .xlsx workbook (the data and the metrics tab)' } },
} satisfies Record<string, CliOption>;

type MetricsArgs = ParsedArgs<keyof typeof METRICS_OPTIONS>;

const LIST_OPTIONS = ['members', 'attendance', 'orders'] as const;

/** A positive number option, or undefined when absent; a bad value is reported and the command stops. */
function numberOption(
  args: MetricsArgs,
  name: 'class-minutes' | 'completion-share',
  valid: (n: number) => boolean,
  expected: string,
  env: CliEnv,
): number | undefined | false {
  const raw = option(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !valid(value)) {
    env.io.stderr(env.tr('cli.error.badOption', { option: `--${name}`, value: raw, expected }));
    return false;
  }
  return value;
}

function metricText(def: MetricDefinition, value: number): string {
  if (def.kind === 'rate') return percentText(value);
  if (def.kind === 'currency') return `¥${Math.round(value).toLocaleString('en-US')}`;
  return String(Math.round(value * 100) / 100);
}

function summaryLine(tr: Translate, name: string, metrics: MetricValues): string {
  const parts = METRICS.filter((def) => metrics[def.key] !== null).map((def) => `${tr(def.label)} ${metricText(def, metrics[def.key] as number)}`);
  return `${name}\t${parts.join(' · ')}`;
}

/** The human summary: one line per group, then the total, then the parse report's notes (on stderr). */
function printSummary(env: CliEnv, result: MetricsResult): void {
  const { tr, io } = env;
  for (const row of result.rows) io.stdout(summaryLine(tr, row.period ? `${row.name} ${row.period}` : row.name, row.metrics));
  io.stdout(summaryLine(tr, tr(result.totalMethod === 'deduplicated' ? 'metrics.totalDeduplicated' : 'metrics.total'), result.total.metrics));
  const json = metricsToJson(result);
  for (const warning of json.warnings) io.stderr(tr(warning.code as MessageKey, warning.params));
}

type Input = { kind: 'table'; table: GridFileTab } | { kind: 'raw'; members: GridFileTab; attendance: GridFileTab | null; orders: GridFileTab | null };

/** The files named on the command line, read; null (after saying what is missing) when there are none. */
async function readInput(args: MetricsArgs, env: CliEnv): Promise<Input | null> {
  const raw = LIST_OPTIONS.some((name) => option(args, name) !== undefined);
  const read = async (name: (typeof LIST_OPTIONS)[number]): Promise<GridFileTab | null> => {
    const path = option(args, name);
    return path ? readFirstGrid(path) : null;
  };
  if (raw) {
    const members = await read('members');
    if (!members) {
      env.io.stderr(env.tr('cli.error.missingOption', { option: '--members FILE' }));
      return null;
    }
    return { kind: 'raw', members, attendance: await read('attendance'), orders: await read('orders') };
  }
  const path = args.positionals[0];
  if (!path) {
    env.io.stderr(env.tr('cli.error.missingOption', { option: 'FILE' }));
    return null;
  }
  const table = await readFirstGrid(path);
  // Each row of a table becomes a row of the metrics tab, with its formulas (see PASTE_LIMITS).
  if (table.values.length > PASTE_LIMITS.tableRows) {
    throw new AppError({ code: 'error.tooManyRows', params: { limit: PASTE_LIMITS.tableRows.toLocaleString('en-US') }, location: { file: path } });
  }
  return { kind: 'table', table };
}

/** --out: the files as tabs of a new workbook, the metrics tab computed by the sidebar's use case. */
async function writeWorkbook(env: CliEnv, input: Input, out: string, settings: { classMinutes?: number; completionShare?: number }): Promise<void> {
  const ctx = createLocalContext({ locale: env.lang === 'en' ? 'en_US' : 'zh_CN' });
  const tab = (file: GridFileTab) => {
    const name = ctx.workbook.addPlainTab(file.name, file.values);
    // The workbook keeps its own copy of the rows: letting go of the file's keeps a long list from
    // being held twice (a 100 MB file of empty cells peaks at 2.8 GB instead of 3.5 GB).
    file.values = [];
    return { kind: 'tab' as const, tab: name };
  };
  if (input.kind === 'raw') {
    const request: RawMetricsRequest = {
      members: tab(input.members),
      attendance: input.attendance && tab(input.attendance),
      orders: input.orders && tab(input.orders),
      ...settings,
    };
    api.computeRawMetrics(ctx, request);
  } else {
    api.computeMetrics(ctx, tab(input.table));
  }
  await saveWorkbook(ctx, out);
  env.io.stderr(env.tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((t) => t.spec.name).join(', ') }));
}

function compute(input: Input, settings: { classMinutes?: number; completionShare?: number }): MetricsResult {
  if (input.kind === 'table') return computeMetrics(parseMetricsGrid(input.table.values, { tab: input.table.name }));
  const { members, attendance, orders } = input;
  return computeRawMetrics(
    { members: members.values, attendance: attendance?.values, orders: orders?.values },
    {
      ...settings,
      source: [members, attendance, orders].flatMap((file) => (file ? [file.name] : [])).join(' + '),
      tabs: { members: members.name, attendance: attendance?.name, orders: orders?.name },
    },
  );
}

async function run(args: MetricsArgs, env: CliEnv): Promise<number> {
  const classMinutes = numberOption(args, 'class-minutes', (n) => n > 0 && n <= 1440, '1–1440', env);
  const completionShare = numberOption(args, 'completion-share', (n) => n > 0 && n <= 1, '0–1', env);
  if (classMinutes === false || completionShare === false) return 1;
  const settings = { classMinutes, completionShare };
  const input = await readInput(args, env);
  if (!input) return 1;
  const out = option(args, 'out');
  if (out) {
    await writeWorkbook(env, input, out, settings);
    return 0;
  }
  const result = compute(input, settings);
  if (args.options.json === true) printJson(env.io, metricsToJson(result));
  else printSummary(env, result);
  return 0;
}

const metrics = defineCommand({
  summary: {
    'zh-CN': '从导出/粘贴的表格计算转化指标（或用 --members/--attendance/--orders 按原始名单去重计算）',
    en: 'Conversion metrics from an exported or pasted table (or from raw lists with --members/--attendance/--orders)',
  },
  arguments: [{ name: 'FILE', summary: { 'zh-CN': '导出的群数据表（.tsv/.csv/.xlsx）', en: 'An exported table of group figures (.tsv/.csv/.xlsx)' } }],
  options: METRICS_OPTIONS,
  run,
});

export const metricsCommands: CliCommands = { metrics };
