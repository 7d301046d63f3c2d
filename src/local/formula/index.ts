/** A formula engine for the playground: the Sheets subset our generated tabs use. */
export type { Ast, RefNode } from './ast';
export type { EvalContext } from './context';
export { evaluate } from './evaluate';
export { formatNumber, formatText } from './number-format';
export { FormulaSyntaxError, parseFormula, parseReference } from './parse';
export { ERROR_CODES, FormulaError, isError, numberToText } from './values';
export type { ErrorCode, Scalar, SheetReader } from './values';
export { WorkbookCalc } from './workbook-calc';
export type { CalcSheet, CellPosition, ConditionalStyle } from './workbook-calc';
