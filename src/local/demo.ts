/**
 * The demo workbook the playground starts with and `cli demo` writes: the sample team (through the
 * real Team use case), and the sample activity list, push plan and group funnel as pasted tabs; then
 * some history for 复盘 (demo-cohorts.ts): the cohorts' results as a pasted tab, and three past
 * cohorts' SOP tabs, generated before the demo's today, with their statuses set.
 */
import { range, Cell, FormatRun } from '../core/tab/spec';
import { dataInput } from './typed-input';
import { readTeamGrid } from '../core/team/team';
import { saveTeam } from '../app/team';
import { translator } from '../core/i18n';
import { openSession } from '../app/session';
import { createLocalContext, LocalContext } from './context';
import { parseDelimited } from './read-file';
import teamTsv from '../../demo/team.tsv';
import activitiesTsv from '../../demo/activities-2026-12.tsv';
import pushPlanTsv from '../../demo/push-plan.tsv';
import groupFunnelTsv from '../../demo/group-funnel.tsv';
import { addPastCohorts, COHORT_RESULTS_TSV, cohortResultsTabName } from './demo-cohorts';

export const DEMO_FILES = { team: teamTsv, activities: activitiesTsv, pushPlan: pushPlanTsv, groupFunnel: groupFunnelTsv };

/** A sample file as Sheets would hold it once pasted: numbers as numbers, dates as dates. */
export function pastedTab(text: string): { values: Cell[][]; formats: FormatRun[] } {
  const formats: FormatRun[] = [];
  const values = parseDelimited(text, '\t').map((row, r) =>
    row.map((cell, c) => {
      const typed = typeof cell === 'string' ? dataInput(cell) : cell;
      if (typeof typed === 'number' && typeof cell === 'string') {
        if (/^\d{4}[-/.]/.test(cell)) formats.push({ range: range(r, c), format: 'date' });
        else if (cell.trim().endsWith('%')) formats.push({ range: range(r, c), format: 'percent' });
      }
      return typed;
    }),
  );
  return { values, formats };
}

function addPasted(ctx: LocalContext, name: string, text: string): void {
  const { values, formats } = pastedTab(text);
  ctx.workbook.addPlainTab(name, values, formats);
}

export type DemoOptions = Parameters<typeof createLocalContext>[0] & {
  /** The past cohorts and their results (default true); false for a workbook with no SOP tab yet. */
  history?: boolean;
};

export function createDemoContext(options: DemoOptions = {}): LocalContext {
  const { history = true, ...local } = options;
  const ctx = createLocalContext(local);
  const { lang } = openSession(ctx);
  const tr = translator(lang);
  saveTeam(ctx, readTeamGrid(parseDelimited(teamTsv, '\t')));
  addPasted(ctx, tr('demo.tab.activities'), activitiesTsv);
  addPasted(ctx, tr('demo.tab.pushPlan'), pushPlanTsv);
  addPasted(ctx, tr('demo.tab.groupFunnel'), groupFunnelTsv);
  if (history) {
    addPasted(ctx, cohortResultsTabName(lang), COHORT_RESULTS_TSV);
    addPastCohorts(ctx, lang);
  }
  ctx.workbook.activate(ctx.workbook.listTabs()[0].name);
  ctx.ui.messages.length = 0;
  return ctx;
}
