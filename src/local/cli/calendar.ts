/**
 * `calendar --month YYYY-MM [--activities FILE] [--week-start mon|sun] [--json | --out FILE.xlsx]`
 * and `calendar --draft --month YYYY-MM [rhythm flags] [--json | --out FILE.xlsx]`: the monthly
 * activity calendar from an activity list file (the demo's list when none is given), through the
 * same use cases as the sidebar. With `--update FILE.xlsx` the list is the workbook's own and the
 * calendar is written into it in place; without --month every calendar tab of it is refreshed.
 */
import { calendarJson, draftMonth, findActivityLists, generateCalendar, refreshCalendars, type DraftMonthInput } from '../../app/calendar';
import type { Rhythm } from '../../core/calendar/draft';
import { AppError } from '../../core/errors';
import type { Lang, Translate } from '../../core/i18n';
import type { WeekStart } from '../../core/settings';
import { range, type Cell, type CellValue, type FormatRun } from '../../core/tab/spec';
import { createLocalContext, type LocalContext } from '../context';
import { DEMO_FILES, pastedTab } from '../demo';
import { typedInput } from '../typed-input';
import type { ParsedArgs } from './args';
import { loadWorkbook, option, printJson, readFirstGrid, saveWorkbook } from './io';
import type { CliCommands, CliEnv, CliIo } from './types';

const USAGE = 'calendar (--month YYYY-MM [--activities FILE] | --update FILE.xlsx [--month YYYY-MM]) [--week-start mon|sun] [--draft] [--json | --out FILE.xlsx]';

/** A grid read from a .tsv/.csv as Sheets would hold it once pasted: numbers and dates typed. */
function typedGrid(values: CellValue[][]): { values: Cell[][]; formats: FormatRun[] } {
  const formats: FormatRun[] = [];
  const typed = values.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell !== 'string') return cell;
      const value = typedInput(cell);
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
async function workbookWithList(args: ParsedArgs, lang: Lang, tr: Translate): Promise<{ ctx: LocalContext; bytes?: Buffer }> {
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
async function refreshWorkbook(args: ParsedArgs, { io, lang, tr }: CliEnv, file: string): Promise<number> {
  const out = option(args, 'out') ?? file;
  const { ctx, bytes } = await openWorkbook(file, lang);
  const result = refreshCalendars(ctx);
  // With nothing refreshed the workbook is saved unchanged: the same bytes.
  await saveWorkbook(ctx, out, bytes);
  if (result.tabs.length) io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
  io.stderr(result.message);
  return 0;
}

function requiredMonth(args: ParsedArgs, io: CliIo, tr: Translate): string | null {
  const month = option(args, 'month');
  if (!month) io.stderr(tr('cli.error.missingOption', { option: '--month YYYY-MM' }));
  return month ?? null;
}

function weekStartOf(args: ParsedArgs): WeekStart | undefined {
  return option(args, 'week-start') as WeekStart | undefined;
}

/** yes/no, true/false, 1/0 as a boolean; anything else as typed, for the rhythm check to name. */
function flag(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (/^(yes|true|1|on)$/i.test(value)) return true;
  if (/^(no|false|0|off)$/i.test(value)) return false;
  return value;
}

function rhythmOf(args: ParsedArgs): Partial<Record<keyof Rhythm, unknown>> {
  const rhythm: Partial<Record<keyof Rhythm, unknown>> = {
    campEveryWeeks: option(args, 'camp-every'),
    campWeekday: option(args, 'camp-weekday'),
    campDays: option(args, 'camp-days'),
    weeklyLiveWeekday: option(args, 'live-weekday'),
    promoOnFestivals: flag(option(args, 'promos')),
    dailyMoments: flag(option(args, 'moments')),
  };
  const groups = option(args, 'groups');
  if (groups) rhythm.targetGroups = groups.split(/[;；,，、]/).map((g) => g.trim()).filter((g) => g !== '');
  for (const key of Object.keys(rhythm) as Array<keyof Rhythm>) if (rhythm[key] === undefined) delete rhythm[key];
  return rhythm;
}

export const calendarCommands: CliCommands = {
  calendar: {
    summary: {
      'zh-CN': '月度活动日历：按活动清单生成某月日历（JSON 或 .xlsx）；--draft 按节奏起草本月活动；--update 在已有工作簿中原地生成或刷新日历',
      en: 'Monthly activity calendar from an activity list (JSON or .xlsx); --draft proposes the month’s activities from a rhythm; --update generates or refreshes calendars in a workbook',
    },
    usage: USAGE,
    async run(args, env) {
      const { io, lang, tr } = env;
      const update = option(args, 'update');
      const activities = option(args, 'activities');
      if (update && activities) {
        // The list comes from the workbook; a second list from a file would leave which one to use unsaid.
        io.stderr(tr('cli.error.badOption', { option: '--activities', value: activities, expected: USAGE }));
        return 1;
      }
      const json = args.options.json === true;
      if (update && !option(args, 'month') && !json && args.options.draft !== true) return refreshWorkbook(args, env, update);
      const month = requiredMonth(args, io, tr);
      if (!month) return 1;
      if (args.options.out === true) throw new AppError({ code: 'cli.error.missingOption', params: { option: '--out FILE.xlsx' } });
      // --update without --out writes the workbook back where it came from (unless only JSON is asked for).
      const out = option(args, 'out') ?? (update && !json ? update : undefined);
      const { ctx, bytes } = update ? await openWorkbook(update, lang) : await workbookWithList(args, lang, tr);
      const list = findActivityLists(ctx)[0]?.name;
      const weekStart = weekStartOf(args);

      if (args.options.draft === true) {
        const input: DraftMonthInput = { month, rhythm: rhythmOf(args), weekStart, list, convert: true };
        const result = draftMonth(ctx, input);
        if (json) printJson(io, result.drafts);
        else for (const row of result.drafts) io.stdout([row.start === row.end ? row.start : `${row.start}–${row.end}`, tr(`calendar.type.${row.type}`), row.name].join('  '));
        if (out) {
          await saveWorkbook(ctx, out, bytes);
          io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
        }
        if (!json) io.stderr(result.message);
        return 0;
      }

      if (json) {
        printJson(io, calendarJson(ctx, { month, weekStart, list }));
        return 0;
      }
      const result = generateCalendar(ctx, { month, weekStart, list });
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
  },
};
