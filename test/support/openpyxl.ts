/**
 * Workbooks saved by openpyxl, made with Debian's Python (apt-get install -y python3-openpyxl).
 * Always /usr/bin/python3: the python3 first on PATH may be another one (pyenv) without openpyxl.
 * Tests that need it run inside describeWithOpenpyxl: skipped with one line when it is missing,
 * failing instead when REQUIRE_E2E=1.
 */
import { execFile, spawnSync } from 'child_process';
import * as path from 'path';
import { describeE2E } from './env';

export const DEBIAN_PYTHON = '/usr/bin/python3';

const SCRIPT = path.join(__dirname, 'openpyxl-workbook.py');

/** Generous: a slow machine under load. */
const PYTHON_TIMEOUT_MS = 120_000;

export function hasOpenpyxl(): boolean {
  return spawnSync(DEBIAN_PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}

/** A describe block that needs Debian's Python with openpyxl (see describeE2E). */
export function describeWithOpenpyxl(title: string, body: () => void): void {
  describeE2E(title, hasOpenpyxl() ? [] : [`${DEBIAN_PYTHON} with openpyxl (apt-get install -y python3-openpyxl)`], body);
}

/** Runs test/support/openpyxl-workbook.py (see its commands). */
export function openpyxlWorkbook(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(DEBIAN_PYTHON, [SCRIPT, ...args], { timeout: PYTHON_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`openpyxl-workbook.py ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}
