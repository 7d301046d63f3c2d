/**
 * `calendar --month YYYY-MM [--activities FILE] …` and `calendar --draft --month YYYY-MM [rhythm
 * options] …`: the monthly
 * activity calendar from an activity list file (the demo's list when none is given), through the
 * same use cases as the sidebar. With `--update FILE.xlsx` the list is the workbook's own and the
 * calendar is written into it in place; without --month every calendar tab of it is refreshed.
 * `--ics FILE.ics` writes the month's activities as a calendar file (alone, or beside --json / --out).
 */
import { api } from '../../app/api';
import { calendarJson, findActivityLists, refreshCalendars, type DraftMonthInput } from '../../app/calendar';
import type { Rhythm } from '../../core/calendar/draft';
import { AppError, type Problem } from '../../core/errors';
import type { Lang, Translate } from '../../core/i18n';
import type { WeekStart } from '../../core/settings';
import { range, type Cell, type CellValue, type FormatRun } from '../../core/tab/spec';
import { splitList } from '../../core/text/split-list';
import { createLocalContext, type LocalContext } from '../context';
import { DEMO_FILES, pastedTab } from '../demo';
import { dataInput } from '../typed-input';
import { monthOption, type ParsedArgs } from './args';
import { loadWorkbook, option, printJson, readFirstGrid, saveWorkbook, writeTextFile } from './io';
import { defineCommand, type CliCommands, type CliEnv, type CliOption } from './types';

const CALENDAR_OPTIONS = {
  month: { value: 'YYYY-MM', summary: { 'zh-CN': '月份，如 2026-12、2026/12、2026年12月', en: 'The month, e.g. 2026-12, 2026/12' } },
  activities: {
    value: 'FILE',
    summary: { 'zh-CN': '活动清单（.tsv/.csv/.xlsx；默认用演示清单）', en: 'The activity list (.tsv/.csv/.xlsx; the demo list by default)' },
  },
  update: {
    value: 'FILE.xlsx',
    summary: {
      'zh-CN': '用这个工作簿自己的清单，原地生成日历；不写 --month 时刷新它的所有日历',
      en: 'Use this workbook’s own list and write the calendar into it; without --month, refresh all its calendars',
    },
  },
  'week-start': { value: 'mon|sun', summary: { 'zh-CN': '每周从周一或周日开始', en: 'Weeks start on Monday or Sunday' } },
  draft: { summary: { 'zh-CN': '按节奏起草本月活动（草稿）', en: 'Draft the month’s activities from a rhythm' } },
  'camp-every': { value: 'WEEKS', summary: { 'zh-CN': '--draft：每几周开一期训练营（0 = 不开）', en: '--draft: a camp every this many weeks (0 = none)' } },
  'camp-weekday': {
    value: 'DAY',
    summary: { 'zh-CN': '--draft：训练营开营的星期（mon … sun、周一 …）', en: '--draft: the weekday camps start on (mon … sun)' },
  },
  'camp-days': { value: 'DAYS', summary: { 'zh-CN': '--draft：训练营天数（1–14）', en: '--draft: days of a camp (1–14)' } },
  'live-weekday': {
    value: 'DAY|none',
    summary: { 'zh-CN': '--draft：每周直播课的星期，none = 不排', en: '--draft: the weekday of the weekly live class, none for none' },
  },
  promos: { value: 'yes|no', summary: { 'zh-CN': '--draft：节气/节日促销', en: '--draft: promotions on solar terms and festivals' } },
  moments: { value: 'yes|no', summary: { 'zh-CN': '--draft：每周朋友圈', en: '--draft: weekly 朋友圈 posts' } },
  groups: { value: 'GROUP;GROUP', summary: { 'zh-CN': '--draft：目标社群', en: '--draft: the target groups' } },
  json: { summary: { 'zh-CN': '以 JSON 输出', en: 'Print JSON' } },
  out: { value: 'FILE.xlsx', summary: { 'zh-CN': '写入 .xlsx 工作簿（清单与日历）', en: 'Write an .xlsx workbook (the list and the calendar)' } },
  ics: {
    value: 'FILE.ics',
    summary: {
      'zh-CN': '把该月的活动写成 .ics 日历文件（全天日程，可导入 Google 日历、飞书日历、Outlook）',
      en: 'Write the month’s activities as an .ics calendar file (all-day events, for Google Calendar, Feishu, Outlook)',
    },
  },
} satisfies Record<string, CliOption>;

type CalendarArgs = ParsedArgs<keyof typeof CALENDAR_OPTIONS>;

/** A grid read from a .tsv/.csv as Sheets would hold it once pasted: numbers and dates typed. */
function typedGrid(values: CellValue[][]): { values: Cell[][]; formats: FormatRun[] } {
  const formats: FormatRun[] = [];
  const typed = values.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell !== 'string') return cell;
      const value = dataInput(cell);
      if (typeof value === 'number' && /^\d{4}[-/.]/.test(cell.trim())) formats.push({ range: range(r, c), format: 'date' });
      return value;
    }),
  );
  return { values: typed, formats };
}

/**
 * A local workbook holding the list: an .xlsx as it is (SOP tabs keep their markers; `bytes` lets
 * --out keep its other sheets untouched), a .tsv/.csv as a pasted tab.
 */
async function workbookWithList(args: CalendarArgs, lang: Lang, tr: Translate): Promise<{ ctx: LocalContext; bytes?: Buffer }> {
  const file = option(args, 'activities');
  if (file && /\.xlsx$/i.test(file)) return openWorkbook(file, lang);
  const ctx = createLocalContext({ locale: localeOf(lang) });
  if (file) {
    const grid = await readFirstGrid(file);
    const { values, formats } = typedGrid(grid.values);
    ctx.workbook.addPlainTab(grid.name, values, formats);
  } else {
    const { values, formats } = pastedTab(DEMO_FILES.activities);
    ctx.workbook.addPlainTab(tr('demo.tab.activities'), values, formats);
  }
  return { ctx };
}

/** A workbook file as the local workbook the use cases run on, with its bytes for saving in place. */
async function openWorkbook(file: string, lang: Lang): Promise<{ ctx: LocalContext; bytes: Buffer }> {
  const loaded = await loadWorkbook(file);
  return { ctx: createLocalContext({ locale: localeOf(lang), workbook: loaded.workbook }), bytes: loaded.bytes };
}

function localeOf(lang: Lang): string {
  return lang === 'en' ? 'en_US' : 'zh_CN';
}

/** `calendar --update FILE.xlsx` without a month: every calendar tab regenerated from its list, as 刷新活动日历 does. */
async function refreshWorkbook(args: CalendarArgs, { io, lang, tr }: CliEnv, file: string): Promise<number> {
  const out = option(args, 'out') ?? file;
  const { ctx, bytes } = await openWorkbook(file, lang);
  const result = refreshCalendars(ctx);
  // With nothing refreshed the workbook is saved unchanged: the same bytes.
  await saveWorkbook(ctx, out, bytes);
  if (result.tabs.length) io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
  io.stderr(result.message);
  return 0;
}

/** --month as "YYYY-MM" (from any form people write it in); an AppError when it is missing or not a month. */
function requiredMonth(args: CalendarArgs, tr: Translate): string {
  const text = option(args, 'month');
  if (text === undefined) throw new AppError({ code: 'cli.error.missingOption', params: { option: '--month YYYY-MM' } });
  const problems: Problem[] = [];
  const month = monthOption('month', text, tr, problems);
  if (month === null) throw new AppError(problems);
  return month;
}

function weekStartOf(args: CalendarArgs): WeekStart | undefined {
  return option(args, 'week-start') as WeekStart | undefined;
}

/** yes/no, true/false, 1/0 as a boolean; anything else as typed, for the rhythm check to name. */
function flag(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (/^(yes|true|1|on)$/i.test(value)) return true;
  if (/^(no|false|0|off)$/i.test(value)) return false;
  return value;
}

function rhythmOf(args: CalendarArgs): Partial<Record<keyof Rhythm, unknown>> {
  const rhythm: Partial<Record<keyof Rhythm, unknown>> = {
    campEveryWeeks: option(args, 'camp-every'),
    campWeekday: option(args, 'camp-weekday'),
    campDays: option(args, 'camp-days'),
    weeklyLiveWeekday: option(args, 'live-weekday'),
    promoOnFestivals: flag(option(args, 'promos')),
    dailyMoments: flag(option(args, 'moments')),
  };
  const groups = option(args, 'groups');
  if (groups) rhythm.targetGroups = splitList(groups);
  for (const key of Object.keys(rhythm) as Array<keyof Rhythm>) if (rhythm[key] === undefined) delete rhythm[key];
  return rhythm;
}

const calendar = defineCommand({
  summary: {
    'zh-CN': '月度活动日历：按活动清单生成某月日历（JSON 或 .xlsx）；--draft 按节奏起草本月活动；--update 在已有工作簿中原地生成或刷新日历',
    en: 'Monthly activity calendar from an activity list (JSON or .xlsx); --draft proposes the month’s activities from a rhythm; --update generates or refreshes calendars in a workbook',
  },
  options: CALENDAR_OPTIONS,
  async run(args, env) {
    const { io, lang, tr } = env;
    const update = option(args, 'update');
    if (update && option(args, 'activities')) {
      // The list comes from the workbook; a second list from a file would leave which one to use unsaid.
      io.stderr(tr('cli.error.conflictingOptions', { option: '--activities', other: '--update' }));
      return 1;
    }
    const json = args.options.json === true;
    const ics = option(args, 'ics');
    if (ics && args.options.draft === true) {
      // Drafts are proposals until someone agrees to them: a calendar file of them would be taken for the plan.
      io.stderr(tr('cli.error.conflictingOptions', { option: '--ics', other: '--draft' }));
      return 1;
    }
    if (update && !option(args, 'month') && !json && !ics && args.options.draft !== true) return refreshWorkbook(args, env, update);
    const month = requiredMonth(args, tr);
    // --update without --out writes the workbook back where it came from (unless only JSON is asked for).
    const out = option(args, 'out') ?? (update && !json ? update : undefined);
    const { ctx, bytes } = update ? await openWorkbook(update, lang) : await workbookWithList(args, lang, tr);
    const list = findActivityLists(ctx)[0]?.name;
    const weekStart = weekStartOf(args);

    if (args.options.draft === true) {
      const input: DraftMonthInput = { month, rhythm: rhythmOf(args), weekStart, list, convert: true };
      const result = api.draftMonth(ctx, input);
      if (json) printJson(io, result.drafts);
      else
        for (const row of result.drafts)
          io.stdout([row.start === row.end ? row.start : `${row.start}–${row.end}`, tr(`calendar.type.${row.type}`), row.name].join('  '));
      if (out) {
        await saveWorkbook(ctx, out, bytes);
        io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
      }
      if (!json) io.stderr(result.message);
      return 0;
    }

    if (ics) {
      const file = api.exportCalendarIcs(ctx, { month, list });
      writeTextFile(ics, file.text);
      io.stderr(tr('ics.cli.wrote', { file: ics, count: file.events }));
    }
    if (json) {
      printJson(io, calendarJson(ctx, { month, weekStart, list }));
      return 0;
    }
    // The calendar file was what was asked for: the calendar tab is made only to be written out.
    if (ics && !out) return 0;
    const result = api.generateCalendar(ctx, { month, weekStart, list });
    if (out) {
      await saveWorkbook(ctx, out, bytes);
      io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
    } else {
      const grid = ctx.workbook.readTab(result.tabs[0]);
      for (const row of grid) if (row.some((cell) => cell !== null)) io.stdout(row.map((cell) => (cell === null ? '' : String(cell))).join('\t'));
    }
    io.stderr(result.message);
    return 0;
  },
});

export const calendarCommands: CliCommands = { calendar };
