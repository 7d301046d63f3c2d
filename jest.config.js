/**
 * Jest runs TypeScript through esbuild without type checking (test/esbuild-transform.js); `npm run typecheck` type-checks separately.
 * Every module, node_modules included, gets the built-in objects as bindings of its own (`sandboxInjectedGlobals`, see
 * test/support/injected-globals-transform.js): a global read in jest's vm is slow, and ExcelJS and JSZip read them in their loops.
 *
 * SOP_TEST_TIME_ZONES=A,B,C (set by build/test.mjs) makes one project per zone: every suite under the
 * first, the `@time-zones` suites again under the others (test/support/time-zone-environment.js).
 * Without it, one project in the process's own time zone (`TZ=UTC npx jest …`).
 */
const { join } = require('node:path');
const { timeZoneSuites } = require('./test/support/time-zone-suites');
const { INJECTED_GLOBALS } = require('./test/support/injected-globals-transform');

const project = {
  testEnvironment: '<rootDir>/test/support/time-zone-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // build/test.mjs's unit and integration passes (no browser, no LibreOffice) leave out the suites that only drive them.
  testPathIgnorePatterns: process.env.SOP_TEST_SCOPE === 'unit' ? ['/node_modules/', '<rootDir>/test/e2e/'] : ['/node_modules/'],
  sandboxInjectedGlobals: INJECTED_GLOBALS,
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/injected-globals-transform.js',
    '^.+\\.(tsv|csv|html)$': '<rootDir>/test/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'tsv', 'csv', 'html'],
};

const zones = (process.env.SOP_TEST_TIME_ZONES ?? '').split(',').filter(Boolean);
const zoned = zones.length > 1 ? timeZoneSuites(join(__dirname, 'test')) : [];

module.exports = {
  // A busy CI machine (another process on both cores) makes LibreOffice and Chromium suites slow; no test relies on time.
  testTimeout: 180_000,
  ...(zones.length === 0
    ? project
    : {
        projects: zones.map((timeZone, i) => {
          const { testMatch, ...rest } = project;
          // The others' suites as exact paths (a regex each: testMatch globs would read brackets and braces).
          const suites = i === 0 ? { testMatch } : { testRegex: zoned.map((path) => `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) };
          return { ...rest, ...suites, displayName: timeZone, testEnvironmentOptions: { timeZone, firstZone: i === 0 } };
        }),
      }),
};
