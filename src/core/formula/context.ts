/** What evaluating a formula needs from its surroundings, and the shape of a built-in function. */
import type { DaySerial } from '../dates';
import type { Ast } from './ast';
import type { Scalar, SheetReader, Value } from './values';

export interface EvalContext {
  /** The sheet a reference names (null: the formula's own sheet); undefined when there is none (→ #REF!). */
  sheet(name: string | null): SheetReader | undefined;
  /** 0-based position of the cell the formula is evaluated for (ROW() and COLUMN() without arguments). */
  readonly row: number;
  readonly col: number;
  /**
   * Added to the relative parts of references: 0 for a cell's own formula; for a conditional-format
   * rule, the distance from the rule's anchor (top-left of its first range) to the cell being tested.
   */
  readonly rowOffset: number;
  readonly colOffset: number;
  readonly today: DaySerial;
}

export type Evaluate = (node: Ast) => Value;

export type FunctionSpec =
  /** Works cell by cell; given a range or array it is applied to each cell (array semantics, as in SUMPRODUCT). */
  | {
      kind: 'scalar';
      min: number;
      max: number;
      /** When false (the default), the first error among the arguments is the result. */
      acceptsErrors?: boolean;
      call(args: Scalar[], ctx: EvalContext): Scalar;
    }
  /** Receives ranges and arrays as they are (SUM, COUNTIF, INDEX…). */
  | { kind: 'values'; min: number; max: number; call(args: Value[], ctx: EvalContext): Value }
  /** Decides which arguments to evaluate (IF, IFERROR…) or looks at the reference itself (ROW). */
  | { kind: 'lazy'; min: number; max: number; call(args: Ast[], evaluate: Evaluate, ctx: EvalContext): Value };
