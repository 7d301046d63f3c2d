/** Jest runs TypeScript through ts-jest without type checking (isolatedModules); `tsc --noEmit` type-checks separately. */
module.exports = {
  testEnvironment: 'node',
  // A busy CI machine (another process on both cores) makes LibreOffice and Chromium suites slow; no test relies on time.
  testTimeout: 180_000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', target: 'ES2019', esModuleInterop: true, resolveJsonModule: true } }],
    '^.+\\.(tsv|csv|html)$': '<rootDir>/test/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'tsv', 'csv', 'html'],
};
