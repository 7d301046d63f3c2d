/** The CLI run in-process, its output collected: what the CLI suites assert on. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sop-planner …argv` and returns its exit code and what it printed on stdout and stderr (lines joined by "\n"). */
export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * A workbook the CLI made for what is due on 2026-12-04: the demo push plan's Gantt and an SOP tab
 * (28天大课, Java引流5群 · 第12期) that started the day before, in one file in a new temporary folder.
 */
export async function dueWorkbook(prefix: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'desk.xlsx');
  const demo = (name: string) => join(__dirname, '../../demo', name);
  const gantt = await cli('gantt', '--tasks', demo('push-plan.tsv'), '--team', demo('team.tsv'), '--out', file, '--lang', 'zh');
  if (gantt.code !== 0) throw new Error(gantt.stderr);
  const sop = await cli(
    'sop',
    '--template',
    'big-class-28d',
    '--anchor',
    '2026-12-03',
    '--group',
    'Java引流5群',
    '--cohort',
    '第12期',
    '--update',
    file,
    '--out',
    file,
  );
  if (sop.code !== 0) throw new Error(sop.stderr);
  return file;
}
