/**
 * The demo's history, for 复盘 / Review: three past cohorts of Java引流5群 on the 28-day course, each
 * generated as the team would have (the SOP use case, anchored five weeks apart before the demo's
 * today), with the statuses the team set by the end, and the cohorts' results as pasted from the
 * course platform — 第10期 written "10期" there, as exports do, so the review has a spelling to confirm.
 *
 * Execution differs by cohort, and goes with the results: 第9期 (3.2% conversion) skipped the
 * countdown that gets people to the opening, every one-to-one step, the students' sharing and the
 * renewal deadline reminder; 第10期 (4.9%) skipped the
 * follow-up of students falling behind and one Moments post; 第11期 (7.3%) kept them all. Nearly every
 * row is closed (已完成 or 取消): a past cohort should not fill the Today board. Three rows are left
 * open on purpose, as teams do — 第10期's certificates 延期, two of 第11期's last steps 未开始 — and show
 * there as overdue.
 */
import { generateSopTabs } from '../app/sop';
import { addDays, toIso } from '../core/dates';
import { t, type Lang } from '../core/i18n';
import { rowIds } from '../core/sop/template';
import { builtInTemplate } from '../core/sop/templates';
import { statusLabel, type Status } from '../core/sop/status';
import type { Role } from '../core/team/team';
import type { LocalContext } from './context';

export const DEMO_HISTORY = {
  group: 'Java引流5群',
  template: 'big-class-28d',
  /** The cohort running now: the one the activity list's 训练营(12期) and the guides' examples generate. */
  current: '第12期',
} as const;

interface PastCohort {
  cohort: string;
  /** The anchor (camp start), in days before the demo's today. */
  daysBefore: number;
  /** Who took the roles the team tab has no one for (班主任, 助教), and the advisor when not the team's first. */
  assignments: Partial<Record<Role, string>>;
  /** Template row key → the status the team left; every other row is 已完成. */
  statuses: Record<string, Status>;
  /** Why a row was cancelled, in the 备注 column. */
  notes: Record<string, { zh: string; en: string }>;
}

const SHORT_HANDED = { zh: '人手不够，这期没做', en: 'Short-handed; not done this cohort' };

/** Oldest first; each cohort five weeks before the next, 第11期 ending about two weeks before today. */
export const PAST_COHORTS: readonly PastCohort[] = [
  {
    cohort: '第9期',
    daysBefore: 106,
    assignments: { headTeacher: '周舟', assistant: '林晓', advisor: '王蕾' },
    statuses: {
      'd-4-call': 'cancelled',
      'd-1-countdown': 'cancelled',
      'd9-revisit': 'cancelled',
      'd11-sharing': 'cancelled',
      'd15-report': 'cancelled',
      'd19-deadline': 'cancelled',
    },
    notes: {
      'd-4-call': SHORT_HANDED,
      'd9-revisit': SHORT_HANDED,
      'd11-sharing': { zh: '没约到分享的学员', en: 'No student agreed to share' },
      'd15-report': SHORT_HANDED,
    },
  },
  {
    cohort: '第10期',
    daysBefore: 71,
    assignments: { headTeacher: '周舟', assistant: '林晓' },
    statuses: { 'd9-revisit': 'cancelled', 'd18-moments': 'cancelled', 'd14-certificates': 'delayed' },
    notes: { 'd9-revisit': SHORT_HANDED, 'd14-certificates': { zh: '证书模板在改版', en: 'Certificate template being redesigned' } },
  },
  {
    cohort: '第11期',
    daysBefore: 36,
    assignments: { headTeacher: '周舟', assistant: '林晓' },
    statuses: { 'd-1-moments': 'cancelled', 'd18-moments': 'todo', 'd20-alumni': 'todo' },
    notes: { 'd-1-moments': { zh: '预告海报没赶出来', en: 'The teaser poster was not ready in time' } },
  },
];

/** The cohorts' results as the course platform exports them (¥9,800 course); 第12期 has begun, so only its members and spend are known. */
export const COHORT_RESULTS_TSV = [
  ['群名称', '期次', '群人数', '到课人数', '完课人数', '成单人数', '收入', '投放成本'],
  ['Java引流5群', '第9期', '312', '118', '64', '10', '98000', '24000'],
  ['Java引流5群', '10期', '286', '121', '72', '14', '137200', '22000'],
  ['Java引流5群', '第11期', '341', '163', '104', '25', '245000', '26000'],
  ['Java引流5群', '第12期', '358', '', '', '', '', '25000'],
]
  .map((row) => row.join('\t'))
  .join('\n');

/** The results tab's name (a plain tab, pasted, like 群数据). */
export function cohortResultsTabName(lang: Lang): string {
  return lang === 'en' ? 'Cohort results' : '各期数据';
}

/** Generates the past cohorts' SOP tabs through the SOP use case and sets their rows' statuses. */
export function addPastCohorts(ctx: LocalContext, lang: Lang): void {
  const template = builtInTemplate(DEMO_HISTORY.template, lang);
  const idOf = rowIds(template);
  const today = ctx.clock.today();
  for (const past of PAST_COHORTS) {
    const [result] = generateSopTabs(ctx, {
      template: DEMO_HISTORY.template,
      anchor: toIso(addDays(today, -past.daysBefore)),
      groups: DEMO_HISTORY.group,
      cohort: past.cohort,
      assignments: past.assignments,
    }).tabs;
    const grid = ctx.workbook.readTab(result.tab);
    const header = grid[0];
    const idCol = header.indexOf(t(lang, 'sop.header.id'));
    const statusCol = header.indexOf(t(lang, 'sop.header.status'));
    const noteCol = header.indexOf(t(lang, 'sop.header.note'));
    const keyOf = new Map(template.rows.map((row) => [idOf.get(row.rowKey), row.rowKey]));
    grid.forEach((line, r) => {
      const key = r > 0 ? keyOf.get(String(line[idCol] ?? '')) : undefined;
      if (key === undefined) return;
      ctx.workbook.setCell(result.tab, r, statusCol, statusLabel(past.statuses[key] ?? 'done', lang));
      const note = past.notes[key];
      if (note) ctx.workbook.setCell(result.tab, r, noteCol, lang === 'en' ? note.en : note.zh);
    });
  }
  // As a spreadsheet would once the statuses are typed: the tabs' formulas (the summary blocks) computed now.
  void ctx.workbook.tabs;
}
