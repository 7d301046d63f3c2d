/**
 * The custom functions in the built Code.js: Sheets lists a custom function, with its help, only from
 * a top-level declaration carrying a JSDoc block with @customfunction, and shows its parameter names
 * from the declaration. Loaded in node:vm as Apps Script loads it, then called as a cell would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { FEATURES } from '../../src/app/registry';

const code = readFileSync(join(__dirname, '../../build/gas/Code.js'), 'utf8');

const FUNCTIONS = [
  { name: 'SOP_RATE', params: ['part', 'whole'] },
  { name: 'SOP_POOLED_RATE', params: ['parts', 'wholes'] },
  { name: 'SOP_ROI', params: ['revenue', 'cost'] },
];

/** The JSDoc block directly above `function NAME(`, or null. */
function jsdocOf(name: string): { doc: string; params: string[] } | null {
  const match = new RegExp(`(\\/\\*\\*(?:(?!\\*\\/)[\\s\\S])*\\*\\/)\\nfunction ${name}\\(([^)]*)\\)`).exec(code);
  return match
    ? {
        doc: match[1],
        params: match[2]
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      }
    : null;
}

function load(locale: string) {
  const context = vm.createContext({ Session: { getActiveUserLocale: () => locale } });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return (source: string): unknown => vm.runInContext(source, context);
}

describe('custom functions in build/gas/Code.js', () => {
  test('the functions checked here are the ones the registry declares', () => {
    const declared = FEATURES.flatMap((feature) => Object.keys(feature.customFunctions ?? {}));
    expect([...declared].sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });

  test.each(FUNCTIONS)('$name is a top-level declaration with its JSDoc, @customfunction, @param per parameter and @return', ({ name, params }) => {
    const found = jsdocOf(name);
    expect(found).not.toBeNull();
    expect(found!.params).toEqual(params);
    expect(found!.doc).toContain('@customfunction');
    expect(found!.doc).toMatch(/@return /);
    for (const param of params) expect(found!.doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${param} \\S`));
  });

  test('functions that are not custom functions get no JSDoc and no parameter names', () => {
    expect(code).toMatch(/\nfunction computeMetrics\(\) \{ return SOPPlanner\.GLOBALS\.computeMetrics\.apply\(this, arguments\); \}/);
    expect(jsdocOf('computeMetrics')).toBeNull();
  });

  test('calling them gives the seeds’ numbers, ranges cell by cell, blank on a zero denominator', () => {
    const run = load('zh_CN');
    expect(run('SOP_RATE(232, 1000)')).toBe(0.232);
    expect(run('SOP_RATE(11, 400)')).toBe(0.0275);
    expect(run('SOP_RATE(5, "")')).toBe('');
    expect(run('SOP_RATE([[61],[55]], [[260],[0]])')).toEqual([[61 / 260], ['']]);
    expect(run('SOP_POOLED_RATE([[61],[55],[60],[56]], [[260],[245],[250],[245]])')).toBe(0.232);
    expect(run('SOP_POOLED_RATE([[61],[""]], [[260],[245]])')).toBe(61 / 260);
    expect(run('SOP_ROI(63800, 0)')).toBe('');
    expect(run('SOP_ROI([[26400],[17600]], [[5200],[4900]])')).toEqual([[26400 / 5200], [17600 / 4900]]);
  });

  test('a size mismatch is an error in the user’s language', () => {
    expect(() => load('zh_CN')('SOP_RATE([[1],[2]], [[1],[2],[3]])')).toThrow('SOP_RATE：两个范围大小不同（2×1 与 3×1）。');
    expect(() => load('en_US')('SOP_POOLED_RATE([[1],[2]], [[1,2]])')).toThrow('SOP_POOLED_RATE: the two ranges differ in size (2×1 and 1×2).');
  });
});
