/**
 * Bench figures of the metrics feature (printed by bench/bench.ts): the time to parse and compute
 * 10,000 and 100,000 pasted rows (target ≤ 1 s for 100,000), raw mode over 800,000 members (target:
 * well under a minute, memory growing with the people, not beyond), Apps Script calls for the
 * metrics tab at 10 / 1,000 / 10,000 groups, and 10,000 fuzzed grids parsed without an uncaught error.
 */
import fc from 'fast-check';
import { isAppError } from '../src/core/errors';
import { buildMetricsTab, computeMetrics, computeRawMetrics, metricsToJson, parseMetricsGrid, parsePastedText } from '../src/core/metrics';
import type { CellValue } from '../src/core/tab/spec';
import { countCalls } from '../test/gas/count-calls';
import { timeIt } from './timing';

/**
 * A WeCom-style export of `n` groups: a title row, messy numbers, a total row at the end; with a
 * 期次 column, every group recurs over periods and is compared with its previous one.
 */
function pastedText(n: number, periods: boolean): string {
  const header = ['群名称', ...(periods ? ['期次'] : []), '群人数', '到课人数', '完课人数', '意向表单', '成单人数', '客单价', '投放成本', '备注'];
  const lines = ['11月 引流群数据（企业微信导出）', header.join('\t')];
  for (let i = 0; i < n; i++) {
    const members = 180 + (i % 120);
    lines.push(
      [
        periods ? `Java引流${i % 500}群` : `Java引流${i}群`,
        ...(periods ? [`第${1 + Math.floor(i / 500)}期`] : []),
        i % 7 === 0 ? `${members.toLocaleString('en-US')}人` : String(members),
        String(30 + (i % 60)),
        i % 11 === 0 ? '-' : String(20 + (i % 30)),
        String(i % 25),
        `${i % 6}单`,
        i % 3 === 0 ? '¥8,800' : '9200',
        i % 5 === 0 ? '0.5万' : '5000',
        i % 13 === 0 ? '加了直播' : '',
      ].join('\t'),
    );
  }
  lines.push(`合计\t${periods ? '\t' : ''}${n * 240}`);
  return lines.join('\n');
}

function parseAndCompute(line: (label: string, value: string) => void): void {
  for (const [n, periods] of [
    [10000, false],
    [100000, false],
    [10000, true],
    [100000, true],
  ] as const) {
    const text = pastedText(n, periods);
    const runs = n > 10000 ? 5 : 11;
    const split = timeIt(runs, () => parsePastedText(text));
    const grid = parsePastedText(text);
    const compute = timeIt(runs, () => computeMetrics(parseMetricsGrid(grid, { tab: 'paste' })));
    const result = computeMetrics(parseMetricsGrid(grid, { tab: 'paste' }));
    const tab = timeIt(n > 10000 ? 3 : 5, () => buildMetricsTab(result, 'zh-CN'));
    line(
      `Metrics: ${n.toLocaleString('en-US')} pasted rows${periods ? ' with 期次' : ''}, text→grid + parse/compute`,
      `${split.toFixed(0)} ms + ${compute.toFixed(0)} ms = ${(split + compute).toFixed(0)} ms (tab spec ${tab.toFixed(0)} ms; ${(text.length / 1e6).toFixed(1)} M chars)`,
    );
  }
}

/**
 * Raw lists as a WeCom member export gives them: `n` members in 400 groups, one in twenty of them in
 * a second group, a quarter of them watching the class, one in a hundred ordering.
 */
function rawLists(n: number): { members: CellValue[][]; attendance: CellValue[][]; orders: CellValue[][] } {
  const people = Math.round(n * 0.95);
  const members: CellValue[][] = [['群名称', '群昵称', '微信号', '入群时间']];
  for (let i = 0; i < n; i++) members.push([`Java引流${Math.floor((i * 400) / n)}群`, `用户${i}`, `wxid_${i % people}`, '2026-11-04 20:28']);
  const attendance: CellValue[][] = [['微信号', '昵称', '观看时长(分钟)']];
  for (let i = 0; i < n / 4; i++) attendance.push([`wxid_${(i * 7) % people}`, `用户${i}`, String(i % 100)]);
  const orders: CellValue[][] = [['订单号', '微信号', '商品', '实付金额', '支付时间', '订单状态']];
  for (let i = 0; i < n / 100; i++)
    orders.push([`NO${i}`, `wxid_${(i * 97) % people}`, 'JAVA全栈就业班', '9200', '2026-11-08 21:20', i % 9 === 0 ? '已退款' : '已支付']);
  return { members, attendance, orders };
}

function rawMode(line: (label: string, value: string) => void): void {
  for (const n of [100_000, 800_000]) {
    const lists = rawLists(n);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let result = computeRawMetrics(lists);
    const heapAfter = process.memoryUsage().heapUsed;
    const compute = timeIt(3, () => {
      result = computeRawMetrics(lists);
    });
    const tab = timeIt(3, () => buildMetricsTab(result, 'zh-CN'));
    line(
      `Metrics: raw mode, ${n.toLocaleString('en-US')} members + ${(n / 4).toLocaleString('en-US')} attendance + ${(n / 100).toLocaleString('en-US')} orders`,
      `${compute.toFixed(0)} ms (tab spec ${tab.toFixed(0)} ms; heap +${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB${global.gc ? '' : ' without --expose-gc'})`,
    );
  }
}

function groupsGrid(n: number): CellValue[][] {
  const grid: CellValue[][] = [['群名称', '群人数', '到课人数', '完课人数', '成单人数', '客单价', '投放成本']];
  for (let i = 0; i < n; i++) grid.push([`群${i + 1}`, 200 + (i % 50), 40 + (i % 30), 20 + (i % 20), i % 5, 5800, 3000]);
  return grid;
}

function callsPerTab(line: (label: string, value: string) => void): void {
  const counts = [10, 1000, 10000].map((n) => countCalls(buildMetricsTab(computeMetrics(parseMetricsGrid(groupsGrid(n), { tab: '群数据' })), 'zh-CN')));
  line('SpreadsheetApp calls, metrics tab at 10 / 1,000 / 10,000 groups', counts.join(' / '));
}

/** Cells people paste: headers of every kind, messy numbers, placeholders, totals, junk. */
const fuzzCell = fc.oneof(
  fc.constant<CellValue>(null),
  fc.constantFrom<CellValue>('群名称', '群人数', '到课人数', '完课', '成单人数', '客单价', '收入', '投放成本', '期次', '合计', 'Total', 'members', 'orders'),
  fc.constantFrom<CellValue>('1,200人', '¥5,800', '1.2万', '２３２', '23.2%', '-', '—', 'N/A', '(1,200)', '1e400', '0', '-0', '.5', 'abc', '=SUM(A1)'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
);

function fuzz(line: (label: string, value: string) => void): void {
  const grids = fc.sample(fc.array(fc.array(fuzzCell, { maxLength: 8 }), { maxLength: 12 }), { numRuns: 10000, seed: 20261120 });
  let computed = 0;
  let refused = 0;
  let uncaught = 0;
  let notFinite = 0;
  for (const grid of grids) {
    try {
      const json = metricsToJson(computeMetrics(parseMetricsGrid(grid)));
      computed++;
      const numbers = [...json.rows, json.total].flatMap((row) => [...Object.values(row.inputs), ...Object.values(row.metrics)]);
      if (numbers.some((value) => value !== null && !Number.isFinite(value))) notFinite++;
    } catch (error) {
      if (isAppError(error)) refused++;
      else uncaught++;
    }
  }
  line('Metrics: 10,000 fuzzed grids', `${computed} computed, ${refused} refused with a located error, ${uncaught} uncaught, ${notFinite} with NaN/Infinity`);
}

export function benchMetrics(line: (label: string, value: string) => void): void {
  parseAndCompute(line);
  rawMode(line);
  callsPerTab(line);
  fuzz(line);
}
