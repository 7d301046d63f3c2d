/** A spreadsheet formula engine: the Sheets subset our generated tabs use, shared by the preview, the xlsx cached values and the tests. */
export type { Ast, RefNode } from './ast';
export type { EvalContext } from './context';
export { evaluate } from './evaluate';
export { formatNumber, formatText } from './number-format';
export { FormulaSyntaxError, parseFormula, parseReference } from './parse';
export { ERROR_CODES, FormulaError, isError, numberToText } from './values';
export type { ErrorCode, Scalar, SheetReader } from './values';
export { WorkbookCalc } from './workbook-calc';
export type { CalcSheet, CellPosition, ConditionalStyle } from './workbook-calc';
export { fillFormulaValues, withFormulaValues } from './tab-values';
