// The test runner: `npm test` (everything), `npm run test:unit`, `npm run test:integration`,
// `npm run test:e2e`.
//   node build/test.mjs [all|unit|integration|e2e] [jest options…]
// Phases, each timed:
//   checks       `npm run typecheck` and `npm run lint` (when package.json has them) — `npm test` only;
//                a failed check counts as one failed test
//   build        build/build.mjs --if-changed (the bundle tests and the playground read build/)
//   unit         the pure layers' suites (UNIT_DIRS: core, app, ui) in memory, under Asia/Shanghai: eslint
//                keeps Date and Intl out of those layers, so the process time zone cannot reach them.
//                The quick pass to run after each change.
//   integration  every other suite that needs no outside program: the Apps Script adapter against the
//                fake SpreadsheetApp, the bundle in node:vm, .xlsx files, the CLI in child processes, the
//                layer rules. Every suite under Asia/Shanghai and the suites marked `@time-zones` (where
//                dates cross the edge) also under America/Los_Angeles and UTC, in one run (jest.config.js's
//                projects): results must not depend on the process time zone.
//   e2e          jest once, under TZ=Asia/Shanghai: test/e2e and the describeE2E blocks of any other
//                suite (Chromium, LibreOffice, openpyxl). A missing program skips its blocks, said in one
//                line — unless REQUIRE_E2E=1 (CI), where a missing program fails the run.
// The unit and integration passes leave out the describeE2E blocks (SOP_TEST_SCOPE=unit: no outside program).
// Ends with one summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const requireE2E = process.env.REQUIRE_E2E === '1';
const SCOPES = ['all', 'unit', 'integration', 'e2e'];
const scope = SCOPES.includes(process.argv[2]) ? process.argv[2] : 'all';
const jestArgs = process.argv.slice(SCOPES.includes(process.argv[2]) ? 3 : 2);
/** The title mark of describeE2E blocks (test/support/env.ts). */
const E2E_MARK = '[e2e]';
/** Every integration suite runs in the first; the `@time-zones` suites in the others too. */
const INTEGRATION_TIME_ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'UTC'];
/** The unit pass: the suites of the pure layers (src/core, src/app, src/ui). */
const UNIT_DIRS = ['test/core', 'test/app', 'test/ui'];
/** test/e2e's suites run only in the e2e pass. */
const E2E_DIR = 'test/e2e';

const totals = { passed: 0, failed: 0, skipped: 0 };
const times = [];
let failedRun = false;

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** Runs one timed phase; `step` returns true when it passed. */
function phase(name, step) {
  console.log(`› ${name}`);
  const started = process.hrtime.bigint();
  const ok = step();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.push(`${name} ${seconds.toFixed(1)} s`);
  console.log(`${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)} s)`);
  return ok;
}

function finish() {
  console.log(`times: ${times.join(', ')}`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failedRun || totals.failed > 0 ? 1 : 0);
}

function stopAfter(what) {
  totals.failed += 1;
  failedRun = true;
  console.log(`stopped: ${what} failed`);
  finish();
}

function which(names) {
  for (const name of names) {
    if (name.includes('/')) {
      if (existsSync(name)) return name;
      continue;
    }
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** `npm run --silent <name>`, through the npm that started this runner when there is one. */
function npmRun(name) {
  const npmCli = process.env.npm_execpath;
  return npmCli && npmCli.endsWith('.js') ? run(process.execPath, [npmCli, 'run', '--silent', name]) : run('npm', ['run', '--silent', name]);
}

// Found first, so CI (REQUIRE_E2E=1) fails at once when one is missing.
const e2ePrograms = scope === 'all' || scope === 'e2e' ? findE2EPrograms() : null;

if (scope === 'all') {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  // A failed check counts as one failed test; the tests still run, so one run shows everything wrong.
  for (const check of ['typecheck', 'lint']) {
    if (scripts[check] && !phase(check, () => npmRun(check) === 0)) {
      totals.failed += 1;
      failedRun = true;
    }
  }
}
if (!phase('build', () => run(process.execPath, [join(root, 'build/build.mjs'), '--quiet', '--if-changed']) === 0)) stopAfter('build');

const out = mkdtempSync(join(tmpdir(), 'sop-jest-'));

/**
 * One jest run; adds its tests to the totals. `counts(titles)` says whether a test, by its describe
 * titles, belongs to this pass (the unit pass leaves out the describeE2E blocks it skipped, the e2e
 * pass the unit tests of mixed suites that -t filtered out).
 */
function jest(label, { tz, paths = [], args = [], env = {}, counts }) {
  // The paths come first: an array option (--testPathIgnorePatterns) takes every word after it.
  const file = join(out, `${label}.json`);
  return phase(`jest ${label} (TZ=${env.SOP_TEST_TIME_ZONES ?? tz})`, () => {
    const status = run(bin('jest'), ['--json', `--outputFile=${file}`, '--maxWorkers=2', ...paths, ...args, ...jestArgs], { TZ: tz, ...env });
    if (existsSync(file)) {
      const report = JSON.parse(readFileSync(file, 'utf8'));
      for (const suite of report.testResults) {
        const results = suite.assertionResults.filter((test) => counts(test.ancestorTitles));
        for (const test of results) {
          if (test.status === 'passed') totals.passed++;
          else if (test.status === 'failed') totals.failed++;
          else totals.skipped++;
        }
        // A suite that failed outside any test (it did not compile, a hook threw) counts once.
        if (suite.status === 'failed' && !results.some((test) => test.status === 'failed')) totals.failed++;
      }
    }
    if (status !== 0) failedRun = true;
    return status === 0;
  });
}

const isE2E = (titles) => titles.some((title) => title.endsWith(` ${E2E_MARK}`));

if (scope === 'all' || scope === 'unit') {
  jest('unit', {
    tz: 'Asia/Shanghai',
    paths: UNIT_DIRS.map(pathPattern),
    env: { SOP_TEST_SCOPE: 'unit' },
    counts: (titles) => !isE2E(titles),
  });
}

if (scope === 'all' || scope === 'integration') {
  // One jest run, one project per zone (jest.config.js), so the workers stay busy to the end.
  jest('integration', {
    tz: 'Asia/Shanghai',
    paths: integrationDirs().map(pathPattern),
    env: { SOP_TEST_SCOPE: 'unit', SOP_TEST_TIME_ZONES: INTEGRATION_TIME_ZONES.join(',') },
    counts: (titles) => !isE2E(titles),
  });
}

if (scope === 'all' || scope === 'e2e') {
  const suites = e2eSuites();
  if (suites.length)
    jest('e2e', {
      tz: 'Asia/Shanghai',
      paths: suites,
      args: ['--testNamePattern', E2E_MARK.replace(/[[\]]/g, '\\$&')],
      env: { SOP_TEST_SCOPE: 'e2e', SOP_CHROMIUM: e2ePrograms.chromium ?? '', SOP_SOFFICE: e2ePrograms.soffice ?? '' },
      counts: isE2E,
    });
}

finish();

/** A directory as a jest path pattern (a regex): its suites and no directory whose name it begins. */
function pathPattern(dir) {
  return `${join(root, dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`;
}

/** test/'s directories that are neither the unit pass's nor test/e2e: a new directory lands here. */
function integrationDirs() {
  return readdirSync(join(root, 'test'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `test/${entry.name}`)
    .filter((dir) => !UNIT_DIRS.includes(dir) && dir !== E2E_DIR && testFiles().some((file) => file.startsWith(`${dir}/`)));
}

/** Every test file, relative to the root. */
function testFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts')) files.push(relative(root, path));
    }
  };
  walk(join(root, 'test'));
  return files;
}

/** test/e2e and every other suite with a describeE2E block (they use one of its wrappers). */
function e2eSuites() {
  return testFiles().filter((path) => /\bdescribe(E2E|With\w*)\(/.test(readFileSync(join(root, path), 'utf8')));
}

/** Chromium and LibreOffice's paths (null when missing); says in one line what is missing, or stops the run when REQUIRE_E2E=1. */
function findE2EPrograms() {
  const chromium = which([process.env.CHROMIUM_PATH || '', '/usr/bin/chromium', 'chromium', 'chromium-browser'].filter(Boolean));
  const soffice = which(['soffice', 'libreoffice']);
  const missing = [];
  if (!chromium) missing.push('Chromium (apt-get install -y chromium)');
  if (!soffice || !which(['pdftoppm']))
    missing.push('LibreOffice (apt-get install -y --no-install-recommends libreoffice-calc poppler-utils fonts-wqy-zenhei)');
  if (spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status !== 0)
    missing.push('openpyxl (apt-get install -y python3-openpyxl)');
  if (missing.length) {
    if (requireE2E) {
      console.log(`REQUIRE_E2E=1 but missing: ${missing.join('; ')}`);
      stopAfter('finding the e2e programs');
    }
    console.log(`Skipping the e2e tests that need what is not installed: ${missing.join('; ')}`);
  }
  return { chromium, soffice };
}
