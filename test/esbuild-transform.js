// TypeScript for jest through esbuild, as the bundles are built: type-stripping only (`npm run
// typecheck` checks types), a third less CPU than ts-jest took, which counts on a cold cache (CI).
// Jest gets the source map with the code, so failures point at the .ts lines.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

/**
 * Jest runs each module in a vm context, where every read of a global (`Math`, `Object`, `Map`…) goes
 * through the context's interceptor: `Math.floor(x)` costs about 60 times what it costs in Node or in
 * Apps Script, and the formula engine, the dates and the fingerprints call such functions in their
 * inner loops. Each module reads the built-in ones once, into bindings of its own, on its first line (so
 * the source map's lines still hold). Only objects nothing replaces: jest's fake timers replace `Date`
 * and the timer functions, which are left alone.
 */
const INTRINSICS = [
  'Math',
  'JSON',
  'Object',
  'Array',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'RegExp',
  'Reflect',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'Int32Array',
  'Float64Array',
  'ArrayBuffer',
  'DataView',
];
const LOCAL_INTRINSICS = `const { ${INTRINSICS.join(', ')} } = globalThis;`;

/**
 * esbuild's CommonJS output exports a copy of the module's export object whose every property is a
 * getter reading the original's getter (`__toCommonJS`): each call of an imported function then ran
 * two getters, and the formula engine's inner loops call across modules (a sixth of the unit tests'
 * time went there). The module's own export object is exported instead, marked as an ES module as the
 * copy was; its getters keep the bindings live while the module runs (import cycles see them as
 * before), and become plain read-only values once it has run (no module reassigns an export: `export
 * let` is not used).
 */
const TO_COMMON_JS = /^module\.exports = __toCommonJS\((\w+)\);$/m;
const EXPORT_GETTER = '__defProp(target, name, { get: all[name], enumerable: true });';
function directExports(code) {
  const name = TO_COMMON_JS.exec(code)?.[1];
  if (!name || !code.includes(EXPORT_GETTER)) return code;
  return (
    code
      .replace(EXPORT_GETTER, '__defProp(target, name, { get: all[name], enumerable: true, configurable: true });')
      .replace(TO_COMMON_JS, `module.exports = ${name}; __defProp(${name}, "__esModule", { value: true });`) +
    `\nfor (const name in ${name}) __defProp(${name}, name, { value: ${name}[name], enumerable: true, configurable: false });\n`
  );
}

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
    return { code: LOCAL_INTRINSICS + directExports(code), map };
  },
};
