// Builds everything with esbuild:
//   build/gas/Code.js        the Apps Script server: an iife under the global `SOPPlanner`, followed by one
//                            real top-level function per name in its GLOBALS (derived from the feature
//                            registry, src/app/registry.ts). Apps Script only sees top-level function
//                            declarations: menu callbacks, google.script.run targets, custom functions,
//                            whose JSDoc and parameter names are copied from their feature file
//   build/gas/sidebar-<page>.html   one file per sidebar page, its JS and CSS inlined (no CDN)
//   build/gas/appsscript.json
//   build/local/*.js         the Node playground, CLI and bench (not pushed)
// Usage: node build/build.mjs [--gas-only] [--quiet] [--if-changed]
//   --if-changed  does nothing, silently, when no input changed since the last full build (see inputsStamp)
// esbuild loads only when something is built: a run that finds the build up to date returns at once.
const esbuild = () => import('esbuild');
const build = async (options) => (await esbuild()).build(options);
const transform = async (input, options) => (await esbuild()).transform(input, options);
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (...p) => join(root, 'build', ...p);
const GLOBAL = 'SOPPlanner';
const TARGET = 'es2019';
const textLoaders = { '.tsv': 'text', '.csv': 'text', '.html': 'text' };

/**
 * The names of the Apps Script globals: SOPPlanner.GLOBALS of the bundle, read by running it as Apps
 * Script would load it (loading defines things and calls no service; test/bundle checks that).
 */
function globalsOf(bundle) {
  const sandbox = vm.createContext({});
  vm.runInContext(`${bundle}\n;globalThis.__globals = { names: Object.keys(${GLOBAL}.GLOBALS), custom: ${GLOBAL}.CUSTOM_FUNCTION_NAMES };`, sandbox);
  return { names: [...sandbox.__globals.names], custom: new Set(sandbox.__globals.custom) };
}

/**
 * The JSDoc and parameter names of each custom function, as written in its feature file:
 *   /** … @customfunction *\/ SOP_RATE: (part: CustomArg, whole: CustomArg) => …
 * Sheets lists a custom function, and shows its help, only from the JSDoc on its top-level declaration.
 */
function customFunctionDocs() {
  const dir = join(root, 'src/app/features');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const docs = new Map();
  const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*([A-Za-z_$][\w$]*)\s*:\s*\(([^)]*)\)\s*=>/g;
  for (const m of source.matchAll(re)) {
    if (!m[1].includes('@customfunction')) continue;
    const doc = m[1].replace(/^[ \t]+/gm, (indent) => (indent.length ? ' ' : '')).replace(/^ \/\*\*/, '/**');
    const params = m[3]
      .split(',')
      .map((p) =>
        p
          .trim()
          .replace(/[:=?].*$/, '')
          .replace(/^\.\.\./, ''),
      )
      .filter(Boolean);
    docs.set(m[2], { doc, params });
  }
  return docs;
}

/** One real top-level function per global: Apps Script lists declarations, not assigned properties. */
function forwarder(name, doc) {
  const head = doc ? `${doc.doc}\nfunction ${name}(${doc.params.join(', ')})` : `function ${name}()`;
  return `${head} { return ${GLOBAL}.GLOBALS.${name}.apply(this, arguments); }`;
}

export async function buildGas() {
  const entry = join(root, 'src/gas/main.ts');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    write: false,
    minify: true,
    target: TARGET,
    loader: textLoaders,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0].text;
  const { names, custom } = globalsOf(bundle);
  const docs = customFunctionDocs();
  for (const name of custom) {
    if (!docs.has(name)) throw new Error(`The custom function ${name} needs a JSDoc block with @customfunction above it in src/app/features/*.ts`);
  }
  const code = `${bundle}\n${names.map((n) => forwarder(n, custom.has(n) ? docs.get(n) : null)).join('\n')}\n`;
  mkdirSync(out('gas'), { recursive: true });
  writeFileSync(out('gas', 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), out('gas', 'appsscript.json'));
  return { names, bytes: Buffer.byteLength(code) };
}

/**
 * One sidebar file per page, build/gas/sidebar-<page>.html (the name app/boot.ts sidebarFile gives):
 * src/ui/pages/<page>.ts exports mount<Page>Page, and that page's file holds only its code, the shared
 * helpers and the CSS. Messages are not in it: the server appends the page's messages, in one
 * language, with the boot data.
 */
export async function buildSidebar() {
  const pagesDir = join(root, 'src/ui/pages');
  const pages = readdirSync(pagesDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const css = (await transform(readFileSync(join(root, 'src/ui/sidebar.css'), 'utf8'), { loader: 'css', minify: true })).code;
  const shell = readFileSync(join(root, 'src/ui/sidebar.html'), 'utf8');
  mkdirSync(out('gas'), { recursive: true });
  // A file from an earlier layout would still be pushed by clasp (the whole of build/gas is its rootDir).
  for (const stale of readdirSync(out('gas')).filter((f) => /^sidebar.*\.html$/.test(f))) rmSync(out('gas', stale));
  const files = await Promise.all(
    pages.map(async (page) => {
      const mountName = `mount${page[0].toUpperCase()}${page.slice(1)}Page`;
      const result = await build({
        stdin: {
          contents: `import { startSidebar } from './main';\nimport { ${mountName} } from './pages/${page}';\nstartSidebar(${mountName});\n`,
          resolveDir: join(root, 'src/ui'),
          sourcefile: `sidebar-${page}.ts`,
          loader: 'ts',
        },
        bundle: true,
        format: 'iife',
        write: false,
        minify: true,
        target: TARGET,
        legalComments: 'none',
        charset: 'utf8',
        logLevel: 'warning',
      });
      // </script> inside the bundle would end the inline script early.
      const js = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
      const html = shell.replace('/*CSS*/', () => css.trim()).replace('/*JS*/', () => js.trim());
      const name = `sidebar-${page}.html`;
      writeFileSync(out('gas', name), html);
      return { name, bytes: Buffer.byteLength(html) };
    }),
  );
  return { files, bytes: Math.max(...files.map((f) => f.bytes)) };
}

export async function buildLocal() {
  await build({
    entryPoints: { playground: join(root, 'src/local/playground.ts'), cli: join(root, 'src/local/cli.ts'), bench: join(root, 'bench/bench.ts') },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: out('local'),
    packages: 'external',
    loader: textLoaders,
    sourcemap: 'inline',
    logLevel: 'warning',
    // build/local/cli.js is package.json's bin (npx sop-planner …), so it starts with a shebang and is executable.
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(out('local', 'cli.js'), 0o755);
}

/** Where the inputs' stamp of the last full build is kept (build/local is not in git). */
const STAMP_FILE = out('local', '.inputs-stamp');
/** Everything a build reads: sources, the demo data they import, the build scripts, the dependencies. */
const INPUT_DIRS = ['src', 'bench', 'demo'];
const INPUT_FILES = ['appsscript.json', 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];
/** Files a full build writes; one missing (a clean checkout, a deleted folder) means building again. */
const OUTPUTS = [out('gas', 'Code.js'), out('gas', 'appsscript.json'), out('local', 'cli.js'), out('local', 'playground.js'), out('local', 'bench.js')];

/** A hash of every input's path, size and modification time: cheap (no file is read) and changes with any edit. */
function inputsStamp() {
  const hash = createHash('sha256');
  const add = (file) => {
    if (!existsSync(file)) return;
    const stat = statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  for (const dir of INPUT_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of INPUT_FILES) add(join(root, file));
  // The build scripts, not their output (build/gas, build/local).
  for (const file of readdirSync(join(root, 'build'))
    .filter((f) => f.endsWith('.mjs'))
    .sort())
    add(join(root, 'build', file));
  return hash.digest('hex');
}

function upToDate(stamp) {
  return OUTPUTS.every((file) => existsSync(file)) && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === stamp;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const gasOnly = process.argv.includes('--gas-only');
  // Taken before building: a file edited during the build makes the next run build again.
  const stamp = gasOnly ? null : inputsStamp();
  if (stamp && process.argv.includes('--if-changed') && upToDate(stamp)) process.exit(0);
  const [gas, sidebar] = await Promise.all([buildGas(), buildSidebar(), gasOnly ? null : buildLocal()]);
  if (stamp) writeFileSync(STAMP_FILE, stamp);
  if (!process.argv.includes('--quiet')) {
    console.error(
      `build/gas/Code.js ${(gas.bytes / 1024).toFixed(1)} KB (${gas.names.length} globals), ${sidebar.files.map((f) => `${f.name} ${(f.bytes / 1024).toFixed(1)} KB`).join(', ')}`,
    );
  }
}
