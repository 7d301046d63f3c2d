/** The syntax tree of a parsed formula: plain data, so parsed formulas can be cached and shared. */
import type { ErrorCode } from './values';

/**
 * A cell or range reference. Coordinates are 0-based and as written (relative parts are shifted
 * at evaluation time); `null` marks an open side: A:A has no rows, 2:2 no columns, A2:A no end row.
 */
export interface RefNode {
  type: 'ref';
  sheet: string | null; // null = the formula's own sheet
  startRow: number | null;
  startCol: number | null;
  endRow: number | null;
  endCol: number | null;
  startRowAbsolute: boolean;
  startColAbsolute: boolean;
  endRowAbsolute: boolean;
  endColAbsolute: boolean;
  /** False for a single cell (A1), true for anything written with a colon. */
  isRange: boolean;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

export type Ast =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'error'; code: ErrorCode }
  | RefNode
  | { type: 'unary'; operator: '-' | '+' | '%'; operand: Ast }
  | { type: 'binary'; operator: BinaryOperator; left: Ast; right: Ast }
  /** Function names are upper-cased. */
  | { type: 'call'; name: string; args: Ast[] }
  /** An argument left empty, as in IF(A1,,1). */
  | { type: 'missing' }
  /** A named range or unknown word; evaluates to #NAME?. */
  | { type: 'name'; name: string }
  | { type: 'array'; rows: Ast[][] };
