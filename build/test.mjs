// `npm test`: type-check, build, then jest — everything under TZ=Asia/Shanghai, and the core, app and
// adapter suites again under TZ=America/Los_Angeles (results must not depend on the process time zone).
// Browser (Chromium) and LibreOffice suites run when those programs are installed; otherwise they are
// skipped with one line saying so — unless REQUIRE_E2E=1 (CI), where a missing program fails the run.
// Ends with one summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const requireE2E = process.env.REQUIRE_E2E === '1';
const extraArgs = process.argv.slice(2);

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function which(names) {
  for (const name of names) {
    if (name.includes('/')) { if (existsSync(name)) return name; continue; }
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

console.log('› tsc --noEmit');
if (run(bin('tsc'), ['--noEmit']) !== 0) {
  console.log('tests: 0 passed, 1 failed (type errors)');
  process.exit(1);
}
console.log('› build');
if (run(process.execPath, [join(root, 'build/build.mjs'), '--quiet']) !== 0) {
  console.log('tests: 0 passed, 1 failed (build)');
  process.exit(1);
}

const chromium = which([process.env.CHROMIUM_PATH || '', '/usr/bin/chromium', 'chromium', 'chromium-browser'].filter(Boolean));
const soffice = which(['soffice', 'libreoffice']);
const missing = [];
if (!chromium) missing.push('Chromium (apt-get install -y chromium)');
if (!soffice) missing.push('LibreOffice (apt-get install -y --no-install-recommends libreoffice-calc poppler-utils fonts-wqy-zenhei)');
if (missing.length) {
  if (requireE2E) {
    console.log(`REQUIRE_E2E=1 but missing: ${missing.join('; ')}`);
    console.log('tests: 0 passed, 1 failed (missing e2e programs)');
    process.exit(1);
  }
  console.log(`Skipping browser/LibreOffice suites — not installed: ${missing.join('; ')}`);
}

const out = mkdtempSync(join(tmpdir(), 'sop-jest-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

function jest(label, tz, paths) {
  const file = join(out, `${label}.json`);
  console.log(`› jest (${label}, TZ=${tz})`);
  const status = run(bin('jest'), ['--json', `--outputFile=${file}`, '--maxWorkers=2', ...paths, ...extraArgs], {
    TZ: tz,
    SOP_CHROMIUM: chromium ?? '',
    SOP_SOFFICE: soffice ?? '',
  });
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
  if (status !== 0) failedRun = true;
}

jest('all', 'Asia/Shanghai', []);
jest('time-zone', 'America/Los_Angeles', ['test/core', 'test/app', 'test/gas', 'test/local/xlsx']);

console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
