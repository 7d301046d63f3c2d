/**
 * `calendar --month YYYY-MM [--activities FILE] [--week-start mon|sun] [--json | --out FILE.xlsx]`
 * and `calendar --draft --month YYYY-MM [rhythm flags] [--json | --out FILE.xlsx]`: the monthly
 * activity calendar from an activity list file (the demo's list when none is given), through the
 * same use cases as the sidebar.
 */
import { calendarJson, draftMonth, findActivityLists, generateCalendar, type DraftMonthInput } from '../../app/calendar';
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
import type { CliCommands, CliIo } from './types';

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
  const locale = lang === 'en' ? 'en_US' : 'zh_CN';
  const file = option(args, 'activities');
  if (file && /\.xlsx$/i.test(file)) {
    const loaded = await loadWorkbook(file);
    return { ctx: createLocalContext({ locale, workbook: loaded.workbook }), bytes: loaded.bytes };
  }
  const ctx = createLocalContext({ locale });
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
      'zh-CN': '月度活动日历：按活动清单生成某月日历（JSON 或 .xlsx）；--draft 按节奏起草本月活动',
      en: 'Monthly activity calendar from an activity list (JSON or .xlsx); --draft proposes the month’s activities from a rhythm',
    },
    usage: 'calendar --month YYYY-MM [--activities FILE] [--week-start mon|sun] [--draft] [--json | --out FILE.xlsx]',
    async run(args, { io, lang, tr }) {
      const month = requiredMonth(args, io, tr);
      if (!month) return 1;
      const json = args.options.json === true;
      const out = option(args, 'out');
      if (args.options.out === true) throw new AppError({ code: 'cli.error.missingOption', params: { option: '--out FILE.xlsx' } });
      const { ctx, bytes } = await workbookWithList(args, lang, tr);
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
