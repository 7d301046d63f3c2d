/**
 * test/esbuild-transform.js, for jest.config.js's `sandboxInjectedGlobals`. That transform gives each
 * TypeScript module its own bindings of the built-in objects (`const { Math, JSON, … } = globalThis;`
 * on its first line), because every read of a global in jest's vm goes through the context's
 * interceptor. jest can do the same for every module, node_modules included (ExcelJS, JSZip, pako,
 * fast-check run their inner loops there): it passes the globals named in `sandboxInjectedGlobals` to
 * each module's wrapper function as parameters. A module may not declare a parameter's name again,
 * so this transform drops that first line, and jest.config.js injects exactly the names it held.
 * The semantics are the same: the objects are read once, when the module loads (Date and the timer
 * functions, which jest's fake timers replace, are not among them).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const base = require('../esbuild-transform');

/** The line test/esbuild-transform.js puts first in every module, and the names it binds. */
const FIRST_LINE = /^const \{ ([\w$, ]+) \} = globalThis;/.exec(base.process('', 'first-line.ts').code)?.[0];
if (!FIRST_LINE) throw new Error('test/esbuild-transform.js no longer starts each module with `const { … } = globalThis;`');
const INJECTED_GLOBALS = /\{ ([\w$, ]+) \}/.exec(FIRST_LINE)[1].split(', ');

const SELF = createHash('sha256').update(readFileSync(__filename)).digest('hex');

module.exports = {
  INJECTED_GLOBALS,
  getCacheKey(source, filename, options) {
    return createHash('sha256')
      .update(SELF)
      .update(base.getCacheKey(source, filename, options))
      .digest('hex');
  },
  process(source, filename, options) {
    const { code, map } = base.process(source, filename, options);
    // The source map's lines hold: the line is dropped, not its line break (it never had one).
    return { code: code.slice(FIRST_LINE.length), map };
  },
};
