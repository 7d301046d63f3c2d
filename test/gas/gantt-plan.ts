/** A push plan of any size for the Gantt suites (gantt.test.ts, gantt-costs.test.ts). */
import { serialFromYmd } from '../../src/core/dates';

export const TEAM = ['林晓', '周舟', '陈默', '王蕾', '赵老师', '孙悦', '刘一', '钱二'];
export const HEADER = ['阶段', '事项', '负责人', '开始日期', '结束日期', '工期(天)', '前置事项', '进度'];
export const FIRST = serialFromYmd(2026, 12, 1);
export const DAYS = 90;

/**
 * A plan of `n` tasks spread over 90 days (the first starts on day 1, one ends on day 90), owners
 * cycling through the team, every tenth task a milestone (its day cells carry the ◆ formula), and
 * a chain of predecessors every few tasks.
 */
export function planRows(n: number): { values: (string | number | null)[][]; formats: (string | null)[][] } {
  const values: (string | number | null)[][] = [HEADER];
  const formats: (string | null)[][] = [HEADER.map(() => null)];
  for (let i = 0; i < n; i++) {
    const start = i === n - 1 ? FIRST + DAYS - 5 : FIRST + (i % (DAYS - 10));
    const milestone = i % 10 === 9 && i !== n - 1;
    const end = i === n - 1 ? FIRST + DAYS - 1 : start + (i % 7);
    values.push([
      `阶段${i % 3}`,
      `事项${i + 1}`,
      TEAM[i % TEAM.length],
      start,
      milestone ? null : end,
      milestone ? 0 : null,
      i % 5 === 4 ? `事项${i}` : null,
      (i % 4) / 4,
    ]);
    formats.push([null, null, null, 'yyyy-mm-dd', 'yyyy-mm-dd', null, null, '0%']);
  }
  return { values, formats };
}
