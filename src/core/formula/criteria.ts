/**
 * Criteria of COUNTIF/SUMIF/COUNTIFS/SUMIFS (">=5", "<>", "已完成", "*课*", 5, TRUE) and the exact
 * matching of MATCH/VLOOKUP. Text compares without case; * ? are wildcards and ~ escapes them.
 */
import { FormulaError, Scalar, nearlyEqual, parseNumberText } from './values';

export type Matcher = (value: Scalar) => boolean;

const WILDCARD = /[*?~]/;

/** A case-insensitive, whole-text RegExp for a pattern with * ? and ~ escapes. */
export function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length && '*?~'.includes(pattern[i + 1])) {
      source += '\\' + pattern[++i];
    } else if (ch === '*') {
      source += '[\\s\\S]*';
    } else if (ch === '?') {
      source += '[\\s\\S]';
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

const isEmpty: Matcher = (value) => value === null || value === '';

function textEquals(operand: string): Matcher {
  if (WILDCARD.test(operand)) {
    const re = wildcardRegExp(operand);
    return (value) => typeof value === 'string' && re.test(value);
  }
  const lower = operand.toLowerCase();
  return (value) => typeof value === 'string' && value.toLowerCase() === lower;
}

/** Exact lookup (MATCH type 0, VLOOKUP FALSE): same type, text without case and with wildcards. */
export function lookupMatcher(lookup: Exclude<Scalar, FormulaError>): Matcher {
  if (typeof lookup === 'number') return (value) => typeof value === 'number' && nearlyEqual(value, lookup);
  if (typeof lookup === 'boolean') return (value) => value === lookup;
  if (lookup === null) return isEmpty;
  return textEquals(lookup);
}

function compare(op: string, diff: number): boolean {
  switch (op) {
    case '<':
      return diff < 0;
    case '>':
      return diff > 0;
    case '<=':
      return diff <= 0;
    default:
      return diff >= 0;
  }
}

function compileText(criterion: string): Matcher {
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(criterion)!;
  const op = m[1] ?? '';
  const operand = m[2];
  const negate =
    (matcher: Matcher): Matcher =>
    (value) =>
      !matcher(value);
  if (operand === '') {
    if (op === '' || op === '=') return isEmpty;
    if (op === '<>') return negate(isEmpty);
    return () => false;
  }
  const number = parseNumberText(operand);
  if (number !== null) {
    const equals: Matcher = (value) => typeof value === 'number' && nearlyEqual(value, number);
    if (op === '' || op === '=') return equals;
    if (op === '<>') return negate(equals);
    return (value) => typeof value === 'number' && compare(op, nearlyEqual(value, number) ? 0 : value - number);
  }
  const upper = operand.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') {
    const equals: Matcher = (value) => value === (upper === 'TRUE');
    if (op === '' || op === '=') return equals;
    return op === '<>' ? negate(equals) : () => false;
  }
  if (op === '' || op === '=') return textEquals(operand);
  if (op === '<>') return negate(textEquals(operand));
  const lower = operand.toLowerCase();
  return (value) => {
    if (typeof value !== 'string') return false;
    const text = value.toLowerCase();
    return compare(op, text === lower ? 0 : text < lower ? -1 : 1);
  };
}

const textCriteria = new Map<string, Matcher>();
const TEXT_CRITERIA_CACHE_SIZE = 1000;

/** The test a criterion stands for; errors in the criterion are handled by the caller. */
export function compileCriterion(criterion: Exclude<Scalar, FormulaError>): Matcher {
  if (typeof criterion === 'number') return (value) => typeof value === 'number' && nearlyEqual(value, criterion);
  if (typeof criterion === 'boolean') return (value) => value === criterion;
  if (criterion === null) return isEmpty;
  let matcher = textCriteria.get(criterion);
  if (!matcher) {
    if (textCriteria.size >= TEXT_CRITERIA_CACHE_SIZE) textCriteria.clear();
    matcher = compileText(criterion);
    textCriteria.set(criterion, matcher);
  }
  return matcher;
}
