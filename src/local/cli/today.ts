/**
 * `today --workbook FILE.xlsx [--date DATE] [--days N] [--out FILE.xlsx | --update] [--json]`: what is
 * due across the workbook's SOP tabs and Gantt tabs, printed one line per item (JSON with --json), or
 * the live Today board written into the workbook (--out: a copy; --update: in place), by the same use
 * case as the menu in Sheets. --date sets the day the values are computed for; the board's formulas
 * follow TODAY() wherever the file is opened.
 */
import { collectDueItems, generateTodayBoard } from '../../app/today';
import type { Problem } from '../../core/errors';
import { toIso } from '../../core/dates';
import type { Translate } from '../../core/i18n';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { DueItem } from '../../core/today/due';
import { checkDaysAhead } from '../../core/today/request';
import { sourceLabel } from '../../core/today/sources';
import { dateOption } from './args';
import { DAY_OPTION, openWorkbookContext, option, printedProblems, printJson, saveWorkbook, WORKBOOK_OPTION } from './io';
import { defineCommand, type CliCommands } from './types';

const today = defineCommand({
  summary: {
    'zh-CN': '今日看板：列出工作簿中所有 SOP 表和甘特图里逾期、今天和即将到期的事项（--out/--update 写入实时看板标签页）',
    en: 'Today board: what is overdue, due today or coming up across the workbook’s SOP and Gantt tabs (--out/--update writes the live board tab)',
  },
  options: {
    workbook: WORKBOOK_OPTION,
    date: DAY_OPTION,
    days: { value: '0–14', summary: { 'zh-CN': '再列出之后几天内到期的事项（默认 1）', en: 'Also list items due within this many days after it (default 1)' } },
    out: { value: 'FILE.xlsx', summary: { 'zh-CN': '把带今日看板的工作簿写到另一个文件', en: 'Write the workbook with the Today board to another file' } },
    update: { summary: { 'zh-CN': '在原工作簿中生成或更新今日看板', en: 'Generate or update the Today board in the workbook itself' } },
    json: { summary: { 'zh-CN': '以 JSON 输出到期事项', en: 'Print the due items as JSON' } },
  },
  async run(args, env) {
    const { io, tr } = env;
    const problems: Problem[] = [];
    const file = option(args, 'workbook')!;
    const dateText = option(args, 'date');
    const date = dateText === undefined ? undefined : dateOption('date', dateText, tr, problems);
    const daysText = option(args, 'days');
    let days: number | undefined;
    if (daysText !== undefined) {
      try {
        days = checkDaysAhead(daysText);
      } catch {
        problems.push({ code: 'cli.error.badOption', params: { option: '--days', value: daysText, expected: '0–14' } });
      }
    }
    const out = option(args, 'out');
    const update = args.options.update === true;
    if (out && update) problems.push({ code: 'cli.error.conflictingOptions', params: { option: '--out', other: '--update' } });
    if (printedProblems(io, problems, tr)) return 1;

    const loaded = await openWorkbookContext(file, { lang: env.lang, date, settings: days === undefined ? {} : { todayDaysAhead: days } });
    const { ctx } = loaded;
    const target = update ? file : out;
    if (target) {
      const result = generateTodayBoard(ctx, {});
      await saveWorkbook(ctx, target, loaded.bytes);
      io.stderr(result.message);
      io.stderr(tr('cli.wrote', { file: target, tabs: result.tab }));
    }
    const items = collectDueItems(ctx);
    if (args.options.json === true) {
      printJson(io, { today: toIso(ctx.clock.today()), daysAhead: days ?? DEFAULT_SETTINGS.todayDaysAhead, items: items.map(itemJson) });
    } else if (!target) {
      io.stdout(items.length ? items.map((item) => itemLine(item, tr)).join('\n') : tr('today.cli.none'));
    }
    return 0;
  },
});

/** An item with its date and time as text: what a script reading the JSON wants. */
function itemJson(item: DueItem) {
  return { ...item, date: toIso(item.date), time: item.minute === null ? null : clock(item.minute) };
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function itemLine(item: DueItem, tr: Translate): string {
  const state =
    item.state === 'overdue'
      ? tr('today.state.overdue', { days: item.daysOverdue })
      : tr(item.state === 'today' ? 'today.state.today' : 'today.state.upcoming');
  return tr('today.cli.line', {
    owner: item.owner || tr('today.unassigned'),
    date: toIso(item.date),
    time: item.minute === null ? '' : clock(item.minute),
    group: sourceLabel(item),
    item: item.item,
    status: item.status,
    state,
  });
}

export const todayCommands: CliCommands = { today };
