/** The CLI run in-process, its output collected: what the CLI suites assert on. */
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
