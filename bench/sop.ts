/**
 * Bench figures of the sop feature (printed by bench/bench.ts): SpreadsheetApp calls per SOP tab at
 * 28 / 280 / 2,800 rows (the renderer alone, and the whole "generate" through the Apps Script entry
 * from a template tab of that size), and the time to generate and to regenerate-and-merge 2,800 rows.
 */
import { fromIso, type DaySerial } from '../src/core/dates';
import { generateSop as generateRows } from '../src/core/sop/generate';
import { mergeSop, readSopTab } from '../src/core/sop/merge';
import { locateOldBlocks } from '../src/core/tab/layers';
import { buildSopTab } from '../src/core/sop/tab';
import { cellValue, type CellValue } from '../src/core/tab/spec';
import type { Person } from '../src/core/team/team';
import { GLOBALS } from '../src/gas/main';
import { countCalls } from '../test/gas/count-calls';
import { installFakeGas } from '../test/gas/fake-spreadsheet';
import { bigTemplate, bigTemplateGrid } from '../test/gas/sop-big-template';
import { timeIt } from './timing';

const { generateSop, saveTeam } = GLOBALS;

const SIZES = [28, 280, 2800];
const ANCHOR = fromIso('2026-12-14') as DaySerial;
const TEAM: Person[] = [
  ['林晓', 'operator'],
  ['周舟', 'operator'],
  ['陈默', 'advisor'],
  ['赵老师', 'lecturer'],
  ['李班', 'headTeacher'],
  ['吴助', 'assistant'],
  ['孙悦', 'designer'],
].map(([name, role]) => ({ name, role: role as Person['role'], email: '', color: '#4e79a7' }));

function tabFor(
  n: number,
  anchor: DaySerial,
  rows = generateRows({ template: bigTemplate(n), anchor, group: 'A群', cohort: '第1期', team: TEAM, lang: 'zh-CN', markCalendar: true }).rows,
) {
  return buildSopTab({
    rows,
    group: 'A群',
    cohort: '第1期',
    template: bigTemplate(n),
    anchor,
    lang: 'zh-CN',
    teamTabName: '团队',
    markCalendar: true,
    today: anchor,
    generatedAt: '2026-12-01 09:00',
  });
}

function rendererCalls(line: (label: string, value: string) => void): void {
  line('SpreadsheetApp calls, SOP tab at 28 / 280 / 2,800 rows', SIZES.map((n) => countCalls(tabFor(n, ANCHOR))).join(' / '));
}

function entryCalls(line: (label: string, value: string) => void): void {
  const counts = SIZES.map((n) => {
    const fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    try {
      saveTeam(TEAM);
      fake.seedSheet('SOP模板·大模板', bigTemplateGrid(n));
      fake.resetCalls();
      const response = generateSop({ template: 'tab:SOP模板·大模板', anchor: '2026-12-14', groups: 'A群', cohort: '第1期' }) as { ok: boolean };
      if (!response.ok) throw new Error(JSON.stringify(response));
      return fake.callCount;
    } finally {
      fake.uninstall();
    }
  });
  line('SpreadsheetApp calls, generateSop entry (read + write) 28/280/2,800', counts.join(' / '));
}

/**
 * Regenerating in place, layer by layer, after a person added a column of their own and typed a
 * third of the statuses: the calls it takes (reads of the tab's values, formulas and notes; moves of
 * whole rows; writes of the add-on's cells only).
 */
function regenerateCalls(line: (label: string, value: string) => void): void {
  const counts = SIZES.map((n) => {
    const fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    try {
      saveTeam(TEAM);
      fake.seedSheet('SOP模板·大模板', bigTemplateGrid(n));
      const request = { template: 'tab:SOP模板·大模板', anchor: '2026-12-14', groups: 'A群', cohort: '第1期' };
      generateSop(request);
      const sheet = fake.inspect('SOP·A群·第1期');
      sheet.insertColumnsBefore(13, 1);
      sheet.getRange(1, 13).setValue('复盘');
      for (let r = 2; r <= n + 1; r += 3) sheet.getRange(r, 12).setValue('已完成');
      fake.resetCalls();
      const response = generateSop({ ...request, anchor: '2026-12-16' }) as { ok: boolean; value: { message: string } };
      if (!response.ok || !/0 项丢失$/.test(response.value.message)) throw new Error(JSON.stringify(response));
      return fake.calls.filter((call) => !call.method.startsWith('Utilities.')).length;
    } finally {
      fake.uninstall();
    }
  });
  line('SpreadsheetApp calls, regenerate in place (user column, typed statuses) 28/280/2,800', counts.join(' / '));
}

function generateAndMerge(line: (label: string, value: string) => void): void {
  const n = 2800;
  const template = bigTemplate(n);
  const options = { template, group: 'A群', cohort: '第1期', team: TEAM, lang: 'zh-CN' as const, markCalendar: true };
  const generate = timeIt(7, () => generateRows({ ...options, anchor: ANCHOR }));
  const first = generateRows({ ...options, anchor: ANCHOR }).rows;
  const spec = tabFor(n, ANCHOR, first);
  const build = timeIt(7, () => tabFor(n, ANCHOR, first));
  // The tab as read back, with a third of the rows marked done and a proof pasted.
  const grid: CellValue[][] = spec.rows.map((row) => row.map(cellValue));
  const statusCol = grid[0].indexOf('状态');
  const proofCol = grid[0].indexOf('完成截图/链接');
  for (let r = 1; r <= n; r += 3) {
    grid[r][statusCol] = '已完成';
    grid[r][proofCol] = `https://example.com/${r}.png`;
  }
  const moved = ANCHOR + 2;
  let lost = -1;
  const merge = timeIt(7, () => {
    const fresh = generateRows({ ...options, anchor: moved }).rows;
    const content = { values: grid, formulas: [], notes: [] };
    lost = mergeSop(readSopTab(content, locateOldBlocks(content, undefined, spec.blocks).ranges), fresh, 'zh-CN').stats.lost;
  });
  line('SOP 2,800 rows: generate / build tab spec', `${generate.toFixed(0)} ms / ${build.toFixed(0)} ms`);
  line('SOP 2,800 rows: regenerate (anchor +2) + merge', `${merge.toFixed(0)} ms (${lost} typed values lost)`);
}

export function benchSop(line: (label: string, value: string) => void): void {
  rendererCalls(line);
  entryCalls(line);
  regenerateCalls(line);
  generateAndMerge(line);
}
