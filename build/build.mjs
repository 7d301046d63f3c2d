// Builds everything with esbuild:
//   build/gas/Code.js        the Apps Script server: an iife under the global `SOPPlanner`, followed by one
//                            real top-level function per export of src/gas/main.ts (Apps Script only sees
//                            top-level function declarations: menu callbacks, google.script.run targets,
//                            custom functions, whose JSDoc and parameter names are kept)
//   build/gas/sidebar.html   the sidebar, JS and CSS inlined (no CDN)
//   build/gas/appsscript.json
//   build/local/*.js         the Node playground, CLI and bench (not pushed)
// Usage: node build/build.mjs [--gas-only]
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (...p) => join(root, 'build', ...p);
const GLOBAL = 'SOPPlanner';
const TARGET = 'es2019';
const textLoaders = { '.tsv': 'text', '.csv': 'text', '.html': 'text' };

async function exportNames(entry) {
  const result = await build({
    entryPoints: [entry], bundle: true, format: 'esm', write: false, metafile: true, outfile: 'x.js',
    target: TARGET, loader: textLoaders, logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return output.exports;
}

/** JSDoc and parameter names written above `export function name(...)` in the entry or an entries file, for custom functions. */
function forwarder(source, name) {
  const re = new RegExp(`(\\/\\*\\*(?:(?!\\*\\/)[\\s\\S])*\\*\\/)\\s*export\\s+function\\s+${name}\\s*\\(([^)]*)\\)`);
  const m = re.exec(source);
  const doc = m && m[1].includes('@customfunction') ? m[1] + '\n' : '';
  const params = doc ? m[2].split(',').map((p) => p.trim().replace(/[:=?].*$/, '').replace(/^\.\.\./, '')).filter(Boolean) : [];
  return `${doc}function ${name}(${params.join(', ')}) { return ${GLOBAL}.${name}.apply(this, arguments); }`;
}

export async function buildGas() {
  const entry = join(root, 'src/gas/main.ts');
  const names = await exportNames(entry);
  const result = await build({
    entryPoints: [entry], bundle: true, format: 'iife', globalName: GLOBAL, write: false, minify: true,
    target: TARGET, loader: textLoaders, legalComments: 'none', charset: 'utf8', logLevel: 'warning',
  });
  const entriesDir = join(root, 'src/gas/entries');
  const entryFiles = readdirSync(entriesDir).filter((f) => f.endsWith('.ts')).map((f) => join(entriesDir, f));
  const source = [entry, ...entryFiles].map((file) => readFileSync(file, 'utf8')).join('\n');
  const code = `${result.outputFiles[0].text}\n${names.map((n) => forwarder(source, n)).join('\n')}\n`;
  mkdirSync(out('gas'), { recursive: true });
  writeFileSync(out('gas', 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), out('gas', 'appsscript.json'));
  return { names, bytes: Buffer.byteLength(code) };
}

export async function buildSidebar() {
  const result = await build({
    entryPoints: [join(root, 'src/ui/main.ts')], bundle: true, format: 'iife', write: false, minify: true,
    target: TARGET, legalComments: 'none', charset: 'utf8', logLevel: 'warning',
  });
  // </script> inside the bundle would end the inline script early.
  const js = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = readFileSync(join(root, 'src/ui/sidebar.css'), 'utf8');
  const html = readFileSync(join(root, 'src/ui/sidebar.html'), 'utf8')
    .replace('/*CSS*/', () => css)
    .replace('/*JS*/', () => js);
  mkdirSync(out('gas'), { recursive: true });
  writeFileSync(out('gas', 'sidebar.html'), html);
  return { bytes: Buffer.byteLength(html) };
}

export async function buildLocal() {
  await build({
    entryPoints: { playground: join(root, 'src/local/playground.ts'), cli: join(root, 'src/local/cli.ts'), bench: join(root, 'bench/bench.ts') },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: out('local'), packages: 'external',
    loader: textLoaders, sourcemap: 'inline', logLevel: 'warning',
  });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const gasOnly = process.argv.includes('--gas-only');
  const [gas, sidebar] = await Promise.all([buildGas(), buildSidebar(), gasOnly ? null : buildLocal()]);
  if (!process.argv.includes('--quiet')) {
    console.error(`build/gas/Code.js ${(gas.bytes / 1024).toFixed(1)} KB (${gas.names.length} globals), sidebar.html ${(sidebar.bytes / 1024).toFixed(1)} KB`);
  }
}
