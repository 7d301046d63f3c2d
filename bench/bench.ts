/**
 * `npm run bench`: figures, not pass/fail. SpreadsheetApp calls per generated tab (through the
 * recording fake), the size of Code.js, and how long Apps Script's V8 would spend loading the file
 * and running onOpen (approximated in node:vm).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { buildTeamTab } from '../src/core/team/tab';
import { assignColors, Person } from '../src/core/team/team';
import { countCalls } from '../test/gas/count-calls';
import { benchCalendar } from './calendar';
import { benchCosts } from './costs';
import { benchGantt } from './gantt';
import { benchMetrics } from './metrics';
import { benchSop } from './sop';
import { median } from './timing';

const root = join(__dirname, '..', '..');

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
}

function team(n: number): Person[] {
  return assignColors(Array.from({ length: n }, (_, i) => ({ name: `成员${i + 1}`, role: 'operator' as const, email: '', color: '' })));
}

function callsPerTab(): void {
  const counts = [10, 1000, 10000].map((n) => countCalls(buildTeamTab(team(n), 'zh-CN', '')));
  line('SpreadsheetApp calls, Team tab at 10 / 1,000 / 10,000 rows', counts.join(' / '));
}

function bundle(): void {
  const code = readFileSync(join(root, 'build/gas/Code.js'));
  line('Code.js size (minified / gzip)', `${(code.length / 1024).toFixed(1)} KB / ${(gzipSync(code).length / 1024).toFixed(1)} KB`);
  const source = code.toString('utf8');
  const timings: number[] = [];
  for (let i = 0; i < 21; i++) {
    const menu = { addItem: () => menu, addSeparator: () => menu, addToUi: () => undefined };
    const context = vm.createContext({
      SpreadsheetApp: { getUi: () => ({ createAddonMenu: () => menu }) },
      Session: { getActiveUserLocale: () => 'zh_CN' },
    });
    const started = performance.now();
    // A fresh Script each time: Apps Script compiles the file on every open.
    new vm.Script(source, { filename: `Code${i}.js` }).runInContext(context);
    vm.runInContext('onOpen({ authMode: "NONE" })', context);
    timings.push(performance.now() - started);
  }
  line('node:vm compile + evaluate + onOpen (median of 21)', `${median(timings).toFixed(1)} ms (first ${timings[0].toFixed(1)} ms)`);
}

callsPerTab();
bundle();
benchCosts(line);
benchSop(line);
benchGantt(line);
benchCalendar(line);
benchMetrics(line);
