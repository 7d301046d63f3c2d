// TypeScript for jest through esbuild, as the bundles are built: type-stripping only (`npm run
// typecheck` checks types), a third less CPU than ts-jest took, which counts on a cold cache (CI).
// Jest gets the source map with the code, so failures point at the .ts lines.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

/** A change to this file or to esbuild makes jest transform every file again. */
const SELF = createHash('sha256').update(readFileSync(__filename)).update(version).digest('hex');

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'es2019',
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: false,
      // jest runs modules in a vm without ES-module support: import() becomes a require.
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
