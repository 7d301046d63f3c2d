/**
 * The self-test's findings and its report: plain text in the user's language, one block per step,
 * with the figures (time, document calls, round trips) of the first run and of generating again,
 * so that it can be copied into an issue as it is.
 */
import { t, type Lang } from '../i18n';
import type { TabContent } from '../tab/content';
import { a1 } from '../tab/spec';

export type SelfTestStep = 'setup' | 'sop' | 'gantt' | 'today' | 'calendar' | 'metrics' | 'sidebars' | 'cleanup';

/** Issue "Fast in real Sheets": opening a sidebar reads the spreadsheet at most this often. */
export const SIDEBAR_READS_TARGET = 10;

export interface RunFigures {
  ms: number | null;
  calls: { reads: number; writes: number; roundTrips: number } | null;
}

export interface StepFigures {
  step: SelfTestStep;
  /** The tab the step generated, when it got that far. */
  tab: string | null;
  first: RunFigures | null;
  again: RunFigures | null;
  /** The sidebars step: each sidebar's opening call, by its name in the user's language. */
  openings?: Array<{ sidebar: string; run: RunFigures }>;
  /** In the user's language; empty when the step is fine. */
  problems: string[];
}

/** The error values a spreadsheet shows for a formula it could not compute. */
const ERROR_VALUE = /^#(REF!|NAME\?|VALUE!|DIV\/0!|N\/A|NUM!|NULL!|ERROR!|SPILL!|CALC!)$/;
/** Enough to see what is wrong without a report as long as the tab. */
const MAX_LISTED = 5;

/** The formulas on a tab that show an error, as the spreadsheet computed them. */
export function problemsInTab(content: TabContent, lang: Lang): string[] {
  const errors: string[] = [];
  let count = 0;
  content.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const formula = content.formulas[r]?.[c] ?? '';
      if (!formula || typeof value !== 'string' || !ERROR_VALUE.test(value)) return;
      count++;
      if (errors.length < MAX_LISTED) errors.push(t(lang, 'selftest.problem.formulaError', { cell: a1(r, c), value, formula: formula.slice(0, 80) }));
    }),
  );
  if (count > MAX_LISTED) errors.push(t(lang, 'selftest.problem.moreErrors', { count: count - MAX_LISTED }));
  return errors;
}

function figures(lang: Lang, run: RunFigures | null): string {
  if (!run || run.ms === null) return '—';
  const time = t(lang, 'selftest.figures.time', { ms: Math.round(run.ms) });
  if (!run.calls) return time;
  const { reads, writes, roundTrips } = run.calls;
  return `${time} · ${t(lang, 'selftest.figures.calls', { calls: reads + writes, reads, writes, roundTrips })}`;
}

export function formatSelfTestReport(lang: Lang, steps: readonly StepFigures[], context: { locale: string }): string {
  const ok = steps.every((step) => step.problems.length === 0);
  const lines = [t(lang, ok ? 'selftest.summary.ok' : 'selftest.summary.failed'), t(lang, 'selftest.summary.locale', { locale: context.locale }), ''];
  for (const step of steps) {
    const mark = step.problems.length ? '✗' : '✓';
    lines.push(`${mark} ${t(lang, `selftest.step.${step.step}`)}${step.tab ? ` · ${step.tab}` : ''}`);
    if (step.first) lines.push(`  ${t(lang, 'selftest.run.first')}: ${figures(lang, step.first)}`);
    if (step.again) lines.push(`  ${t(lang, 'selftest.run.again')}: ${figures(lang, step.again)}`);
    for (const opening of step.openings ?? []) lines.push(`  ${opening.sidebar}: ${figures(lang, opening.run)}`);
    for (const problem of step.problems) lines.push(`  - ${problem}`);
  }
  return lines.join('\n');
}
