/**
 * The layers are checked by tools: a file in the core that reaches for Apps Script, Node or the browser
 * does not compile with the core's tsconfig, and one that imports another layer fails the lint. Probes
 * are virtual files handed to the compiler and to ESLint; nothing is written into src.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** The compiler options of one layer's tsconfig, as `npm run typecheck` uses them, without emitting. */
function layerOptions(tsconfig: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  return { ...parsed.options, composite: false, incremental: false, declaration: false, emitDeclarationOnly: false, noEmit: true };
}

/** The type errors of `source` compiled as the file `path` (relative to the repository) under `tsconfig`. */
function typeErrors(tsconfig: string, path: string, source: string): string[] {
  const options = layerOptions(tsconfig);
  const probe = join(ROOT, path);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, language, ...rest) =>
    fileName === probe ? ts.createSourceFile(fileName, source, language, true) : getSourceFile.call(host, fileName, language, ...rest);
  host.fileExists = (fileName) => fileName === probe || fileExists.call(host, fileName);
  host.readFile = (fileName) => (fileName === probe ? source : readFile.call(host, fileName));
  const program = ts.createProgram([probe], options, host);
  const file = program.getSourceFile(probe);
  if (!file) throw new Error(`${path} is not in the program`);
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const REACHES_OUT = [
  'export const sheet = SpreadsheetApp.getActiveSpreadsheet();',
  "export const bytes = Buffer.from('群成员');",
  'export const home = process.env.HOME;',
  "export const cell = document.createElement('td');",
  'export const later = setTimeout(() => undefined, 1);',
].join('\n');

const CLEAN = "import { fromIso } from './dates';\nexport const day = fromIso('2026-12-14');\n";

describe('each layer compiles with only the globals its runtime has', () => {
  it.each(['tsconfig.core.json', 'tsconfig.app.json'])('%s knows no Apps Script, Node or DOM globals', (tsconfig) => {
    const errors = typeErrors(tsconfig, tsconfig === 'tsconfig.core.json' ? 'src/core/layer-probe.ts' : 'src/app/layer-probe.ts', REACHES_OUT);
    for (const name of ['SpreadsheetApp', 'Buffer', 'process', 'document', 'setTimeout'])
      expect(errors).toContainEqual(expect.stringContaining(`Cannot find name '${name}'`));
    expect(errors).toHaveLength(5);
  });

  it('the core compiles a file that stays inside it', () => {
    expect(typeErrors('tsconfig.core.json', 'src/core/layer-probe.ts', CLEAN)).toEqual([]);
  });

  it('the Apps Script adapter knows SpreadsheetApp but not Node or the DOM', () => {
    const errors = typeErrors('tsconfig.gas.json', 'src/gas/layer-probe.ts', REACHES_OUT);
    expect(errors.join('\n')).not.toMatch(/SpreadsheetApp/);
    for (const name of ['Buffer', 'process', 'document', 'setTimeout']) expect(errors).toContainEqual(expect.stringContaining(`Cannot find name '${name}'`));
  });

  it('the sidebar knows the DOM but not Node or Apps Script', () => {
    const errors = typeErrors('tsconfig.ui.json', 'src/ui/layer-probe.ts', REACHES_OUT);
    expect(errors.join('\n')).not.toMatch(/'document'|'setTimeout'/);
    for (const name of ['SpreadsheetApp', 'Buffer', 'process']) expect(errors).toContainEqual(expect.stringContaining(`Cannot find name '${name}'`));
  });

  it('the Node side knows Node but not Apps Script or the DOM', () => {
    const errors = typeErrors('tsconfig.local.json', 'src/local/layer-probe.ts', REACHES_OUT);
    expect(errors.join('\n')).not.toMatch(/'Buffer'|'process'|'setTimeout'/);
    for (const name of ['SpreadsheetApp', 'document']) expect(errors).toContainEqual(expect.stringContaining(`Cannot find name '${name}'`));
  });
});

interface Probe {
  path: string;
  source: string;
}
interface LintMessage {
  line: number;
  ruleId: string | null;
  message: string;
}

/**
 * Lints each probe with the project's eslint.config.mjs through ESLint's Node API. It runs in a child
 * process because the config is an ES module, which jest's module system does not load.
 */
function lint(probes: Probe[]): LintMessage[][] {
  const script = `
    import { ESLint } from 'eslint';
    const probes = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const results = [];
    for (const { path, source } of probes) {
      const [result] = await eslint.lintText(source, { filePath: path });
      results.push(result.messages.map(({ line, ruleId, message }) => ({ line, ruleId, message })));
    }
    process.stdout.write(JSON.stringify(results));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes.map((p) => ({ ...p, path: join(ROOT, p.path) })))], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintMessage[][];
}

/** Import lines, one per line, and the lines of them the layer rule refuses. */
const CASES: Array<{ path: string; imports: string[]; refused: number[] }> = [
  {
    path: 'src/core/sop/layer-probe.ts',
    imports: [
      "import { tabName } from '../tab/names';",
      "import { writeXlsx } from '../../local/xlsx';",
      "import type { AppContext } from '../../ports';",
      "import { generateSopTabs } from '../../app/sop';",
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import ExcelJS from 'exceljs';",
      "import { chromiumPath } from '../../../test/support/env';",
      "import { format } from 'numfmt';",
    ],
    refused: [2, 3, 4, 5, 6, 7, 8, 9],
  },
  {
    path: 'src/app/layer-probe.ts',
    imports: [
      "import { tabName } from '../core/tab/names';",
      "import type { AppContext } from '../ports';",
      "import { render } from '../gas/render-tab';",
      "import { readFileSync } from 'fs';",
    ],
    refused: [3, 4],
  },
  {
    path: 'src/ports/layer-probe.ts',
    imports: ["import type { TabSpec } from '../core/tab/spec';", "import type { SopRequest } from '../app/sop';"],
    refused: [2],
  },
  {
    path: 'src/gas/layer-probe.ts',
    imports: ["import { boot } from '../app/boot';", "import { MemoryWorkbook } from '../local/memory-workbook';", "import { createHash } from 'node:crypto';"],
    refused: [2, 3],
  },
  {
    path: 'src/ui/layer-probe.ts',
    imports: [
      "import type { SidebarBoot } from '../app/boot';",
      "import { sidebarBoot } from '../app/boot';",
      "import { h } from './dom';",
      "import { translator } from '../core/i18n';",
      "import { generateSop } from '../gas/main';",
      "import { EventEmitter } from 'events';",
    ],
    refused: [2, 5, 6],
  },
  {
    path: 'src/local/layer-probe.ts',
    imports: [
      "import { readFileSync } from 'node:fs';",
      "import { generateSopTabs } from '../app/sop';",
      "import { generateSop } from '../gas/main';",
      "import { mountSopPage } from '../ui/pages/sop';",
    ],
    refused: [3, 4],
  },
];

/** The same source in each layer: the pure layers refuse its lines 1–4, the adapters accept them. */
const CLOCK_SOURCE = [
  'export const today = new Date();',
  "export const text = Intl.DateTimeFormat('zh-CN').format(0);",
  'export const shown = (1234.5).toLocaleString();',
  "export const order = 'a'.localeCompare('b');",
  'export const serial = Math.floor(45000.5);',
].join('\n');
const CLOCK_PATHS = ['src/core/dates-probe.ts', 'src/app/dates-probe.ts', 'src/ports/dates-probe.ts', 'src/gas/dates-probe.ts', 'src/local/dates-probe.ts'];

// One ESLint process for every probe (starting one takes a second or two).
const linted = lint([
  ...CASES.map(({ path, imports }) => ({ path, source: `${imports.join('\n')}\n` })),
  ...CLOCK_PATHS.map((path) => ({ path, source: CLOCK_SOURCE })),
]);

describe('each layer imports only the layers below it (eslint)', () => {
  const results = linted.slice(0, CASES.length);

  it.each(CASES.map((c, i) => [c.path, c, results[i]] as const))('%s', (_path, { refused }, messages) => {
    // The probes only import, so their names are unused; every other message is a layer rule's.
    const kept = messages.filter((m) => m.ruleId !== '@typescript-eslint/no-unused-vars');
    expect(kept.filter((m) => m.ruleId !== '@typescript-eslint/no-restricted-imports')).toEqual([]);
    expect([...new Set(kept.map((m) => m.line))]).toEqual(refused);
  });

  it('says why an import is refused', () => {
    const [core, , , , ui] = results;
    const said = (messages: LintMessage[], line: number) =>
      messages
        .filter((m) => m.line === line)
        .map((m) => m.message)
        .join('\n');
    expect(said(core, 2)).toMatch(/The core imports nothing outside src\/core/);
    expect(said(core, 5)).toMatch(/Node built-ins belong to src\/local/);
    expect(said(core, 8)).toMatch(/never imports tests/);
    expect(said(ui, 2)).toMatch(/only as types/);
  });
});

describe('the pure layers never see the process time zone (eslint)', () => {
  const results = linted.slice(CASES.length);
  const refusedLines = (messages: LintMessage[]) => [
    ...new Set(messages.filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties').map((m) => m.line)),
  ];

  it.each(CLOCK_PATHS.slice(0, 3).map((path, i) => [path, results[i]] as const))('%s refuses Date, Intl and locale formatting', (_path, messages) => {
    expect(refusedLines(messages)).toEqual([1, 2, 3, 4]);
    expect(messages.find((m) => m.line === 1)?.message).toMatch(/day serials/);
  });

  it.each(CLOCK_PATHS.slice(3).map((path, i) => [path, results[i + 3]] as const))('%s, where dates meet a clock or a file, may use them', (_path, messages) => {
    expect(refusedLines(messages)).toEqual([]);
  });
});
