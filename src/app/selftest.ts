/**
 * 诊断 / Self-test: runs each feature on small demo data in temporary tabs of the user's spreadsheet,
 * reads back what it wrote, times each action with the document calls it made, regenerates once,
 * deletes every tab it made and shows a report that can be copied. Nothing of the user's is touched:
 * the inputs are tabs of its own, the SOP runs for a group and cohort, the calendar for a month, the
 * Gantt and the metrics for source tabs that no tab of the user's can be (see core/selftest/inputs.ts).
 * The Team tab is read, never written.
 *
 * The development machines have no Google account: this is how the first real run proves itself
 * (after `npm run push`, run 扩展程序 ▸ 社群SOP助手 ▸ 诊断, or `clasp run selfTest`).
 */
import { sameSopRows, sopRowsAbout } from '../core/calendar/pushes';
import { isAppError, formatError } from '../core/errors';
import { markerKeyOf } from '../core/tab/marker';
import { selfTestInputs, selfTestNames, SELF_TEST_MONTH } from '../core/selftest/inputs';
import { formatSelfTestReport, problemsInTab, SIDEBAR_READS_TARGET, type SelfTestStep, type StepFigures } from '../core/selftest/report';
import type { MessageKey } from '../core/i18n';
import type { AppContext, DocumentCalls } from '../ports';
import { computeMetricsTab, getMetricsState } from './metrics';
import { generateCalendar, getCalendarState } from './calendar';
import { generateGantt, getGanttState } from './gantt';
import { getReminderState } from './remind';
import { getReviewState } from './review';
import { generateSopTabs, getSopState } from './sop';
import { getTeamState } from './team';
import { generateTodayBoard, refreshTodayBoard } from './today';
import { boardDisagreement, sourcesOnBoard } from '../core/today/on-board';
import { findGeneratedTab, openSession, readTeam, writeGeneratedTabs, type Session } from './session';

/** The built-in template the SOP step uses: a short one, so the test stays quick. */
const SOP_TEMPLATE = 'live-class';
const SOP_ANCHOR = `${SELF_TEST_MONTH}-14`;

/** What a feature must have drawn besides cells; a tab without them did not come out right. */
const EXPECTED_FEATURES: Partial<Record<SelfTestStep, { conditionalFormats?: boolean; validatedCells?: boolean }>> = {
  sop: { conditionalFormats: true, validatedCells: true },
  gantt: { conditionalFormats: true },
  calendar: { conditionalFormats: true },
};

export interface SelfTestResult {
  ok: boolean;
  steps: StepFigures[];
  report: string;
}

interface Measured<T> {
  result: T;
  ms: number | null;
  calls: DocumentCalls | null;
}

function measure<T>(ctx: AppContext, fn: () => T): Measured<T> {
  if (!ctx.meter) return { result: fn(), ms: null, calls: null };
  const { result, ms, calls } = ctx.meter.measure(fn);
  return { result, ms, calls };
}

/** Runs the self-test and shows its report; returns it too (for `clasp run selfTest`). */
export function runSelfTest(ctx: AppContext): SelfTestResult {
  const session = openSession(ctx);
  const names = selfTestNames(session.lang);
  const made = new Set<string>();
  const steps: StepFigures[] = [];
  try {
    const owners = readTeam(ctx).team.map((person) => person.name);
    for (const tab of writeGeneratedTabs(ctx, selfTestInputs(names, owners))) made.add(tab.name);
    const [planTab, listTab, dataTab] = [...made];
    const sop = runStep(
      ctx,
      session,
      'sop',
      made,
      () => generateSopTabs(ctx, { template: SOP_TEMPLATE, anchor: SOP_ANCHOR, groups: names.group, cohort: names.cohort }).tabs[0].tab,
    );
    const gantt = runStep(ctx, session, 'gantt', made, () => generateGantt(ctx, { planTab }).tab);
    steps.push(
      sop,
      gantt,
      checkTodayBoard(
        ctx,
        session,
        made,
        [sop.tab, gantt.tab].flatMap((tab) => tab ?? []),
      ),
      runStep(ctx, session, 'calendar', made, () => generateCalendar(ctx, { month: SELF_TEST_MONTH, list: listTab }).tabs[0]),
      runStep(ctx, session, 'metrics', made, () => computeMetricsTab(ctx, { kind: 'tab', tab: dataTab }).tab),
      openSidebars(ctx, session),
    );
  } catch (error) {
    steps.push({ step: 'setup', tab: null, first: null, again: null, problems: [describe(session, error)] });
  } finally {
    steps.push(cleanUp(ctx, session, made));
  }
  const report = formatSelfTestReport(session.lang, steps, { locale: ctx.locale });
  const ok = steps.every((step) => step.problems.length === 0);
  try {
    ctx.ui.alert(report, session.tr('selftest.title'));
  } catch {
    // `clasp run selfTest` has no spreadsheet UI: the report is the function's result.
  }
  return { ok, steps, report };
}

/** One feature: generate, check what the tab holds, generate again (nothing may be lost or moved aside). */
function runStep(ctx: AppContext, session: Session, step: SelfTestStep, made: Set<string>, generate: () => string): StepFigures {
  const problems: string[] = [];
  let tab: string | null = null;
  let first: StepFigures['first'] = null;
  let again: StepFigures['again'] = null;
  try {
    const tabsBefore = new Set(ctx.workbook.listTabs().map((info) => info.name));
    const run = measure(ctx, generate);
    tab = run.result;
    made.add(tab);
    first = { ms: run.ms, calls: run.calls };
    problems.push(...checkTab(ctx, session, step, tab));
    const second = measure(ctx, generate);
    again = { ms: second.ms, calls: second.calls };
    if (second.result !== tab) problems.push(session.tr('selftest.problem.movedTab', { tab, other: second.result }));
    // Any tab that appeared besides the generated one is a copy the update had to keep aside.
    const oldVersions = ctx.workbook
      .listTabs()
      .map((info) => info.name)
      .filter((name) => name !== tab && !tabsBefore.has(name));
    for (const name of oldVersions) made.add(name);
    if (oldVersions.length) problems.push(session.tr('selftest.problem.oldVersion', { tabs: oldVersions.join('、') }));
    problems.push(...checkTab(ctx, session, step, tab));
  } catch (error) {
    problems.push(describe(session, error));
  }
  return { step, tab, first, again, problems: [...new Set(problems)] };
}

/**
 * The Today board generated again reads its sources back from itself (core/today/on-board.ts): its
 * formulas as Sheets keeps them and the values Sheets computes. The self-test's SOP and Gantt tabs
 * joined the board (the user's; one made for the test when there is none, deleted with the other
 * tabs): the board is generated again, timed and counted, and what it reads back of those two tabs
 * must be what the tabs hold.
 */
function checkTodayBoard(ctx: AppContext, session: Session, made: Set<string>, sources: string[]): StepFigures {
  const problems: string[] = [];
  let tab: string | null = null;
  let first: StepFigures['first'] = null;
  try {
    if (!findGeneratedTab(ctx, 'today')) made.add(generateTodayBoard(ctx, {}).tab);
    const run = measure(ctx, () => refreshTodayBoard(ctx));
    first = { ms: run.ms, calls: run.calls };
    const board = findGeneratedTab(ctx, 'today');
    if (!board) throw new Error('no Today board');
    tab = board.name;
    const onBoard = sourcesOnBoard(ctx.workbook.readTabContent(board.name), board.marker?.about);
    if (!onBoard) problems.push(session.tr('selftest.problem.boardReadBack', { tab }));
    for (const source of onBoard ? sources : []) {
      const followed = onBoard?.find((candidate) => candidate.tab.tab === source);
      const disagreement = followed ? boardDisagreement(followed, ctx.workbook.readTab(source)) : null;
      if (!followed) problems.push(session.tr('selftest.problem.boardMissing', { tab, source }));
      else if (disagreement === 'layout') problems.push(session.tr('selftest.problem.boardLayout', { tab, source }));
      else if (disagreement !== null) problems.push(session.tr('selftest.problem.boardRow', { tab, source, row: disagreement }));
    }
  } catch (error) {
    problems.push(describe(session, error));
  }
  return { step: 'today', tab, first, again: null, problems };
}

/**
 * Each sidebar's first call (its quick state, what the page shows at once), timed and counted with
 * the self-test's tabs in the spreadsheet besides the user's: at most SIDEBAR_READS_TARGET reads each.
 */
function openSidebars(ctx: AppContext, session: Session): StepFigures {
  const quick = { quick: true };
  const sidebars: Array<[MessageKey, (call: AppContext) => unknown]> = [
    ['menu.team', (call) => getTeamState(call)],
    ['sop.menu', (call) => getSopState(call, quick)],
    ['gantt.menu', (call) => getGanttState(call, quick)],
    ['calendar.menu.sidebar', (call) => getCalendarState(call, quick)],
    ['metrics.menu.sidebar', (call) => getMetricsState(call, quick)],
    ['review.menu.sidebar', (call) => getReviewState(call, quick)],
    ['remind.menu', (call) => getReminderState(call)],
  ];
  const problems: string[] = [];
  const openings = sidebars.map(([label, open]) => {
    const sidebar = session.tr(label).replace(/…$/, '');
    try {
      // In a context of its own, as the sidebar's own server call: nothing learnt by the steps before is known.
      const call = ctx.anew?.() ?? ctx;
      const run = measure(call, () => open(call));
      const reads = run.calls?.reads ?? 0;
      if (reads > SIDEBAR_READS_TARGET) problems.push(session.tr('selftest.problem.sidebarReads', { sidebar, reads, target: SIDEBAR_READS_TARGET }));
      return { sidebar, run: { ms: run.ms, calls: run.calls } };
    } catch (error) {
      problems.push(`${sidebar}: ${describe(session, error)}`);
      return { sidebar, run: { ms: null, calls: null } };
    }
  });
  return { step: 'sidebars', tab: null, first: null, again: null, openings, problems };
}

/** What the spreadsheet shows on the tab: its marker, formulas without errors, its rules and dropdowns. */
function checkTab(ctx: AppContext, session: Session, step: SelfTestStep, tab: string): string[] {
  const problems: string[] = [];
  const info = ctx.workbook.listTabs().find((t) => t.name === tab);
  if (!info?.marker || info.marker.kind !== step) problems.push(session.tr('selftest.problem.marker', { tab }));
  problems.push(...problemsInTab(ctx.workbook.readTabContent(tab), session.lang));
  // An SOP tab's marker keeps its days and 群发 counts for the calendar: they must be what Sheets gives back of its rows.
  const sop = markerKeyOf(info?.marker, 'sop');
  if (sop && !sameSopRows(info?.marker?.about, sopRowsAbout(sop.group, ctx.workbook.readTab(tab)))) {
    problems.push(session.tr('selftest.problem.pushCounts', { tab }));
  }
  const expected = EXPECTED_FEATURES[step];
  if (expected) {
    const features = ctx.workbook.tabFeatures(tab);
    if (expected.conditionalFormats && features.conditionalFormats === 0) problems.push(session.tr('selftest.problem.noRules', { tab }));
    if (expected.validatedCells && features.validatedCells === 0) problems.push(session.tr('selftest.problem.noDropdowns', { tab }));
  }
  return problems;
}

/** Deletes every tab the self-test made; any left behind is named in the report. */
function cleanUp(ctx: AppContext, session: Session, made: Set<string>): StepFigures {
  const problems: string[] = [];
  for (const name of made) {
    try {
      ctx.workbook.deleteTab(name);
    } catch (error) {
      problems.push(describe(session, error));
    }
  }
  // Generating its SOP and Gantt tabs added them to the Today board, if there is one: it lets them go again.
  try {
    refreshTodayBoard(ctx);
  } catch (error) {
    problems.push(describe(session, error));
  }
  const left = ctx.workbook.listTabs().filter((tab) => made.has(tab.name) || tab.marker?.kind === 'selftest');
  if (left.length) problems.push(session.tr('selftest.problem.leftBehind', { tabs: left.map((tab) => tab.name).join('、') }));
  return { step: 'cleanup', tab: null, first: null, again: null, problems };
}

function describe(session: Session, error: unknown): string {
  if (isAppError(error)) return formatError(error, session.tr);
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
