/** Jest runs TypeScript through esbuild without type checking (test/esbuild-transform.js); `npm run typecheck` type-checks separately. */
module.exports = {
  testEnvironment: 'node',
  // A busy CI machine (another process on both cores) makes LibreOffice and Chromium suites slow; no test relies on time.
  testTimeout: 180_000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // build/test.mjs's unit pass (no browser, no LibreOffice) leaves out the suites that only drive them.
  testPathIgnorePatterns: process.env.SOP_TEST_SCOPE === 'unit' ? ['/node_modules/', '<rootDir>/test/e2e/'] : ['/node_modules/'],
  transform: {
    '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js',
    '^.+\\.(tsv|csv|html)$': '<rootDir>/test/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'tsv', 'csv', 'html'],
};
