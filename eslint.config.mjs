// ESLint: typescript-eslint's recommended rules, and the layer rule of the design: each layer of src
// imports only the layers below it. Import paths are matched by their folder names (src/core, src/app, …
// are the only folders with those names), so a rule reads the same from any depth.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** An import path that goes through one of these folders, e.g. `'../../local/xlsx'` for `local`. */
const through = (...folders) => `(^|/)(${folders.join('|')})(/|$)`;

const NODE_BUILTINS = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'Node built-ins belong to src/local (and tests).' })),
  nodeScheme: { regex: '^node:', message: 'Node built-ins belong to src/local (and tests).' },
};
/** The pure layers (core, ports, app) import no packages: they run unchanged in Apps Script and in Node. */
const PACKAGES = { regex: '^(?!\\.)', message: 'The pure layers import no packages: they run unchanged in Apps Script and in Node.' };
const TESTS = { regex: through('test', 'bench', 'build'), message: 'src never imports tests, benchmarks or build scripts.' };

/** The rule for one layer: `patterns` it may not import, plus Node built-ins, plus tests. */
function layer(files, patterns, { builtins = true } = {}) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtins ? NODE_BUILTINS.paths : [],
          patterns: [...patterns, ...(builtins ? [NODE_BUILTINS.nodeScheme] : []), TESTS],
        },
      ],
    },
  };
}

export default defineConfig(
  { ignores: ['node_modules/', 'build/gas/', 'build/local/', 'build/ui/', 'test-output/', 'tmp/', 'demo/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // TypeScript checks names (each layer with its own globals, see tsconfig.*.json); build scripts are plain Node.
      'no-undef': 'off',
      // `const { dropped, ...kept } = row` is how a test leaves fields out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // XML 1.0 and the link checks forbid control characters, so the code that removes them must name them.
      'no-control-regex': 'off',
      // Errors are turned into the user's message at the edge on purpose; `cause` is not in the ES2020 lib the code targets.
      'preserve-caught-error': 'off',
    },
  },
  {
    // jest.isolateModules needs require(); jest.config.js and the jest transform are CommonJS.
    files: ['test/**', '**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    // Dates are day serials in the pure layers: without Date or Intl, the process time zone cannot reach
    // them, so their results are the same in every time zone (build/test.mjs runs only the suites of
    // the adapters, where dates meet a clock or a file, again under other time zones).
    files: ['src/core/**', 'src/ports/**', 'src/app/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The pure layers count days as day serials (core/dates.ts); a Date depends on the process time zone.' },
        { name: 'Intl', message: 'Intl formats by the process time zone and locale; the pure layers format with their own rules.' },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'toLocaleString', message: 'Locale formatting depends on the process; format with the core’s own rules.' },
        { property: 'toLocaleDateString', message: 'Locale formatting depends on the process; format with the core’s own rules.' },
        { property: 'toLocaleTimeString', message: 'Locale formatting depends on the process; format with the core’s own rules.' },
        { property: 'localeCompare', message: 'localeCompare follows the process locale; compare with the core’s own collation.' },
      ],
    },
  },
  layer(['src/core/**'], [PACKAGES, { regex: through('app', 'ports', 'gas', 'ui', 'local', 'demo'), message: 'The core imports nothing outside src/core.' }]),
  layer(['src/ports/**'], [PACKAGES, { regex: through('app', 'gas', 'ui', 'local', 'demo'), message: 'Ports import only the core.' }]),
  layer(['src/app/**'], [PACKAGES, { regex: through('gas', 'ui', 'local', 'demo'), message: 'Use cases import only the core and the ports.' }]),
  layer(['src/gas/**'], [{ regex: through('ui', 'local', 'demo'), message: 'The Apps Script adapter imports only the core, the ports and the use cases.' }]),
  layer(
    ['src/ui/**'],
    [
      { regex: through('gas', 'local', 'demo'), message: 'The sidebar runs in a browser: it imports only its own files and the core.' },
      { regex: through('app', 'ports'), allowTypeImports: true, message: 'The sidebar imports server code only as types (`import type`).' },
    ],
  ),
  layer(
    ['src/local/**'],
    [{ regex: through('gas', 'ui'), message: 'The Node side imports the core, the ports and the use cases, never the Apps Script adapter or the sidebar.' }],
    {
      builtins: false,
    },
  ),
);
