/** The built-in functions, by upper-case name. */
import type { FunctionSpec } from '../context';
import { dateFunctions } from './date';
import { logicalFunctions } from './logical';
import { lookupFunctions } from './lookup';
import { mathFunctions } from './math';
import { textFunctions } from './text';

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  ...logicalFunctions,
  ...mathFunctions,
  ...textFunctions,
  ...dateFunctions,
  ...lookupFunctions,
};
