/**
 * Sheets formulas for the metrics tab, one builder per shape. Only IF, OR, IFERROR, ISNUMBER,
 * SUMPRODUCT, SUM, COUNT and ABS are used: Sheets, Excel and LibreOffice all have them (no FILTER,
 * LET or LAMBDA). Each formula gives exactly what computeRow / computeTotal give: blank where the
 * core gives null.
 */
import { metricDefinition, MetricKey, Operand } from './definitions';
import type { InputKey } from './synonyms';

/**
 * A1 references of a row's cells (for row formulas) or of whole column ranges (for totals):
 * the inputs that have a column, and the revenue metric's own cell, which 收入-based metrics read.
 */
export interface FormulaRefs {
  inputs: Partial<Record<InputKey, string>>;
  revenue?: string;
}

function operandRef(operand: Operand, refs: FormulaRefs): string | undefined {
  return 'input' in operand ? refs.inputs[operand.input] : refs.revenue;
}

/** `=IF(OR(C5="",B5="",B5=0),"",C5/B5)`; revenue: given revenue, else buyers × price. Null when the row has no such columns. */
export function rowFormula(key: MetricKey, refs: FormulaRefs): string | null {
  const def = metricDefinition(key);
  if (def.form === 'revenue') {
    const revenue = refs.inputs.revenue;
    const buyers = refs.inputs.buyers;
    const price = refs.inputs.price;
    const product = buyers && price ? `IF(OR(${buyers}="",${price}=""),"",${buyers}*${price})` : null;
    if (revenue) return `=IF(${revenue}<>"",${revenue},${product ?? '""'})`;
    return product ? `=${product}` : null;
  }
  const numerator = operandRef(def.numerator, refs);
  const denominator = refs.inputs[def.denominator];
  if (!numerator || !denominator) return null;
  const without = def.onlyWithout ? refs.inputs[def.onlyWithout] : undefined;
  const blankWhen = [...(without ? [`${without}<>""`] : []), `${numerator}=""`, `${denominator}=""`, `${denominator}=0`];
  return `=IF(OR(${blankWhen.join(',')}),"",${numerator}/${denominator})`;
}

/**
 * The pooled total over column ranges: Σ numerators / Σ denominators over the rows where both are
 * numbers — SUMPRODUCT with a 0/1 mask (text and blanks in the value ranges count as 0).
 */
export function pooledFormula(key: MetricKey, ranges: FormulaRefs): string | null {
  const def = metricDefinition(key);
  if (def.form === 'revenue') return ranges.revenue ? sumFormula(ranges.revenue) : null;
  const numerator = operandRef(def.numerator, ranges);
  const denominator = ranges.inputs[def.denominator];
  if (!numerator || !denominator) return null;
  const without = def.onlyWithout ? ranges.inputs[def.onlyWithout] : undefined;
  const mask = `ISNUMBER(${numerator})*ISNUMBER(${denominator})${without ? `*(${without}="")` : ''}`;
  return `=IFERROR(SUMPRODUCT(${mask},${numerator})/SUMPRODUCT(${mask},${denominator}),"")`;
}

/** Sum of a column, blank when it holds no number (a missing total is not zero). */
export function sumFormula(range: string): string {
  return `=IF(COUNT(${range})=0,"",SUM(${range}))`;
}

/** A copy of another cell that stays blank when it is blank. */
export function copyFormula(cell: string): string {
  return `=IF(${cell}="","",${cell})`;
}

/** part / whole, blank on a blank or zero whole. */
export function shareFormula(part: string, whole: string): string {
  return `=IF(OR(${part}="",${whole}="",${whole}=0),"",${part}/${whole})`;
}

/** current − previous, blank when either is blank. */
export function deltaFormula(current: string, previous: string): string {
  return `=IF(OR(${current}="",${previous}=""),"",${current}-${previous})`;
}

/** (current − previous) / |previous|, blank when either is blank or previous is zero. */
export function deltaPercentFormula(current: string, previous: string): string {
  return `=IF(OR(${current}="",${previous}="",${previous}=0),"",(${current}-${previous})/ABS(${previous}))`;
}
