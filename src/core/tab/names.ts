/**
 * Tab names, one rule per target, used by every adapter: Sheets takes up to 100 characters and
 * compares names regardless of case; an .xlsx takes up to 31, none of * ? : \ / [ ], no apostrophe at
 * either end, and not "History". A wanted name is fitted to the target (never refused) and made
 * unique with " (2)", " (3)"…; formulas that referred to a tab by the name its spec wanted are
 * rewritten to the name it got, so a link never points at a tab that is not there.
 */
import { renameSheetInFormula } from '../formula/parse';
import { SHEETS_LIMITS, XLSX_LIMITS } from './limits';
import { isFormulaCell, quoteTabName, type Cell, type TabSpec } from './spec';

interface NameRules {
  maxLength: number;
  /** Characters the target refuses, replaced by "_". */
  forbidden: RegExp | null;
  reserved: readonly string[];
}

const SHEETS: NameRules = { maxLength: SHEETS_LIMITS.tabNameCharacters, forbidden: null, reserved: [] };
const XLSX: NameRules = { maxLength: XLSX_LIMITS.sheetNameCharacters, forbidden: /[*?:\\/[\]]/g, reserved: ['history'] };

function fit(text: string, room: number): string {
  return Array.from(text).slice(0, room).join('');
}

/** The names in use: a list, or a question asked of each candidate (Sheets is asked one name at a time). */
export type TakenNames = Iterable<string> | ((name: string) => boolean);

function uniqueName(wanted: string, taken: TakenNames, rules: NameRules): string {
  const listed = typeof taken === 'function' ? null : new Set([...taken].map((name) => name.toLowerCase()));
  const used = { has: (lower: string): boolean => (listed ? listed.has(lower) : (taken as (name: string) => boolean)(lower)) };
  let base = (rules.forbidden ? wanted.replace(rules.forbidden, '_') : wanted).replace(/\s+/g, ' ').trim();
  if (rules.forbidden) base = base.replace(/^'+|'+$/g, '').trim();
  if (!base || rules.reserved.includes(base.toLowerCase())) base = `${base || 'Sheet'}_`;
  let name = fit(base, rules.maxLength);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = fit(base, rules.maxLength - Array.from(suffix).length) + suffix;
  }
  return name;
}

/** The name a new tab gets in Google Sheets: the wanted one fitted to 100 characters, unique regardless of case. */
export function sheetsTabName(wanted: string, taken: TakenNames): string {
  return uniqueName(wanted, taken, SHEETS);
}

/** The name a sheet gets in an .xlsx file. */
export function xlsxSheetName(wanted: string, taken: TakenNames): string {
  return uniqueName(wanted, taken, XLSX);
}

/** Whether two tab names are the same tab in Sheets (which ignores case). */
export function sameTabName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The spec with its references to renamed tabs following them, as a spreadsheet rewrites them when a
 * tab is renamed: formulas in cells and in conditional formats ('old name'!A1 or old!A1 →
 * 'new name'!A1, read with the formula tokenizer, so text inside quotes stays) and dropdowns that read
 * another tab.
 */
export function renameTabReferences(spec: TabSpec, renames: ReadonlyMap<string, string>): TabSpec {
  const pairs = [...renames].filter(([from, to]) => from !== to);
  if (pairs.length === 0) return spec;
  const rewrite = (formula: string): string => pairs.reduce((text, [from, to]) => renameSheetInFormula(text, from, to, quoteTabName), formula);
  const cell = (value: Cell): Cell => (isFormulaCell(value) && value.formula.includes('!') ? { ...value, formula: rewrite(value.formula) } : value);
  return {
    ...spec,
    rows: spec.rows.map((row) => row.map(cell)),
    conditionalFormats: spec.conditionalFormats?.map((rule) => ({ ...rule, formula: rewrite(rule.formula) })),
    validations: spec.validations?.map((validation) =>
      validation.rule.type === 'listFromRange' && renames.has(validation.rule.tab)
        ? { ...validation, rule: { ...validation.rule, tab: renames.get(validation.rule.tab) as string } }
        : validation,
    ),
  };
}
