/**
 * `review --workbook FILE.xlsx [--template ID] [--cohorts 10期,11期] [--map 第12期=12期] [--json | --out FILE.xlsx]`: each
 * cohort's SOP execution beside its results and the steps that go with better conversion, printed (JSON
 * with --json), or the live review tab written into a copy of the workbook (--out), by the same use case
 * as the menu in Sheets.
 */
import { computeReviewData, generateReview } from '../../app/review';
import type { Problem } from '../../core/errors';
import type { CohortPair } from '../../core/review/request';
import { splitList } from '../../core/text/split-list';
import { dateOption } from './args';
import { DAY_OPTION, openWorkbookContext, option, printedProblems, printJson, saveWorkbook, WORKBOOK_OPTION } from './io';
import { defineCommand, type CliCommands } from './types';

const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);

const review = defineCommand({
  summary: {
    'zh-CN': '复盘：各期 SOP 执行情况与转化结果并排，以及哪些步骤和更好的转化同行（--out 写入复盘标签页）',
    en: 'Review: each cohort’s SOP execution beside its results, and which steps go with better conversion (--out writes the review tab)',
  },
  options: {
    workbook: WORKBOOK_OPTION,
    template: {
      value: 'ID',
      summary: { 'zh-CN': '模板 ID（默认：生成 SOP 表最多的模板）', en: 'Template id (default: the one most SOP tabs were generated from)' },
    },
    cohorts: { value: '10期,11期', summary: { 'zh-CN': '要对比的期次（默认最近 6 期）', en: 'Cohorts to compare (default: the last 6)' } },
    map: {
      value: '第12期=12期,…',
      summary: {
        'zh-CN': '确认 SOP 表的期次和转化数据里写法不同的期次是同一期（SOP 写法=转化数据写法）',
        en: 'Confirm that a cohort the SOP tabs and the metrics data spell differently is one cohort (SOP spelling=metrics spelling)',
      },
    },
    date: DAY_OPTION,
    out: { value: 'FILE.xlsx', summary: { 'zh-CN': '把带复盘标签页的工作簿写到另一个文件', en: 'Write the workbook with the review tab to another file' } },
    json: { summary: { 'zh-CN': '以 JSON 输出', en: 'Print JSON' } },
  },
  async run(args, env) {
    const { io, tr } = env;
    const problems: Problem[] = [];
    const file = option(args, 'workbook')!;
    const dateText = option(args, 'date');
    const date = dateText === undefined ? undefined : dateOption('date', dateText, tr, problems);
    const mapText = option(args, 'map');
    const confirmedCohorts = mapText === undefined ? undefined : cohortPairs(mapText, problems);
    if (printedProblems(io, problems, tr)) return 1;
    const template = option(args, 'template');
    const cohortsText = option(args, 'cohorts');
    const cohorts = cohortsText === undefined ? undefined : splitList(cohortsText);
    const request = {
      ...(template ? { template } : {}),
      ...(cohorts && cohorts.length ? { cohorts } : {}),
      ...(confirmedCohorts ? { confirmedCohorts } : {}),
    };

    const loaded = await openWorkbookContext(file, { lang: env.lang, date });
    const { ctx } = loaded;
    const out = option(args, 'out');
    if (out) {
      const result = generateReview(ctx, request);
      await saveWorkbook(ctx, out, loaded.bytes);
      for (const warning of result.warnings) io.stderr(warning);
      io.stderr(result.message);
      io.stderr(tr('cli.wrote', { file: out, tabs: result.tab }));
      if (args.options.json === true) printJson(io, { template: result.template, ...result.review });
      return 0;
    }
    const data = computeReviewData(ctx, request);
    if (args.options.json === true) {
      printJson(io, { template: data.template, ...data.review });
      return 0;
    }
    for (const warning of data.warnings) io.stderr(warning);
    const lines = data.review.cohorts.map((cohort) =>
      tr('review.cli.line', {
        group: cohort.group,
        cohort: cohort.cohort,
        planned: cohort.execution.planned,
        done: cohort.execution.done,
        onTime: cohort.execution.onTime,
        due: cohort.execution.due,
        overdue: cohort.execution.overdue,
        skipped: cohort.execution.skipped,
        conversion: percent(cohort.results?.conversionRate ?? null),
      }),
    );
    const steps = data.review.steps.map((step) =>
      tr('review.cli.step', {
        item: step.item,
        better: percent(step.onTimeBetter),
        nBetter: step.nBetter,
        worse: percent(step.onTimeWorse),
        nWorse: step.nWorse,
        verdict: step.verdict,
      }),
    );
    io.stdout([...lines, '', ...steps].join('\n'));
    return 0;
  },
});

/** `第12期=12期,第13期=13期`: each SOP spelling with the metrics data's; a part without one "=" is refused by value. */
function cohortPairs(text: string, problems: Problem[]): CohortPair[] {
  const pairs: CohortPair[] = [];
  for (const part of splitList(text)) {
    const sides = part.split('=').map((side) => side.trim());
    if (sides.length === 2 && sides[0] && sides[1]) pairs.push({ sop: sides[0], metrics: sides[1] });
    else problems.push({ code: 'cli.error.badOption', params: { option: '--map', value: part, expected: '第12期=12期' } });
  }
  return pairs;
}

export const reviewCommands: CliCommands = { review };
