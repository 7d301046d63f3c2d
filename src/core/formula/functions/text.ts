/** Text functions: TEXT, TEXTJOIN, CONCATENATE, LEN, LEFT, RIGHT, MID, FIND, SEARCH, CHAR, VALUE, N, HYPERLINK… */
import type { FunctionSpec } from '../context';
import { wildcardRegExp } from '../criteria';
import { formatNumber, formatText } from '../number-format';
import { FormulaError, Scalar, VALUE, isError, parseNumberText, toBoolean, toInteger, toNumber, toText, topLeft } from '../values';
import { MANY, scalarFn, valuesFn, visitArguments } from './helpers';

/** A whole number argument that must be at least `min`, or its default when left out. */
function count(value: Scalar | undefined, fallback: number, min: number): number | FormulaError {
  if (value === undefined) return fallback;
  const n = toInteger(value);
  if (isError(n)) return n;
  return n < min ? new FormulaError('#VALUE!', `Expected a number of at least ${min}`) : n;
}

function textOf(value: Scalar): string {
  return toText(value) as string; // scalar functions receive no errors unless they ask for them
}

function joinArguments(args: Parameters<typeof visitArguments>[0], delimiter: string, skipEmpty: boolean): Scalar {
  const parts: string[] = [];
  const error = visitArguments(args, (value) => {
    if (isError(value)) return value;
    const text = textOf(value);
    if (!(skipEmpty && text === '')) parts.push(text);
    return undefined;
  });
  return error ?? parts.join(delimiter);
}

/** FIND (exact) and SEARCH (no case, wildcards): 1-based position of the needle, or #VALUE!. */
function locate(caseSensitive: boolean): FunctionSpec {
  return scalarFn(2, 3, ([needle, haystack, start]) => {
    const text = textOf(haystack);
    const from = count(start, 1, 1);
    if (isError(from)) return from;
    if (from > text.length + 1) return VALUE;
    const wanted = textOf(needle);
    let index: number;
    if (caseSensitive) {
      index = text.indexOf(wanted, from - 1);
    } else {
      const re = new RegExp(wildcardRegExp(wanted).source.slice(1, -1), 'gi');
      re.lastIndex = from - 1;
      const m = re.exec(text);
      index = m ? m.index : -1;
    }
    return index < 0 ? new FormulaError('#VALUE!', `"${wanted}" not found`) : index + 1;
  });
}

export const textFunctions: Record<string, FunctionSpec> = {
  TEXT: scalarFn(2, 2, ([value, format]) => {
    const pattern = textOf(format);
    if (typeof value === 'string') {
      const n = parseNumberText(value);
      return n === null ? formatText(value, pattern) : formatNumber(n, pattern);
    }
    if (typeof value === 'boolean') return textOf(value);
    return formatNumber(value === null ? 0 : (value as number), pattern);
  }),
  TEXTJOIN: valuesFn(3, MANY, ([delimiter, ignoreEmpty, ...values]) => {
    const separator = toText(topLeft(delimiter));
    if (isError(separator)) return separator;
    const skip = toBoolean(topLeft(ignoreEmpty));
    if (isError(skip)) return skip;
    return joinArguments(values, separator, skip);
  }),
  CONCATENATE: valuesFn(1, MANY, (args) => joinArguments(args, '', false)),
  CONCAT: scalarFn(2, 2, ([a, b]) => textOf(a) + textOf(b)),
  LEN: scalarFn(1, 1, ([value]) => textOf(value).length),
  LEFT: scalarFn(1, 2, ([value, n]) => {
    const length = count(n, 1, 0);
    return isError(length) ? length : textOf(value).slice(0, length);
  }),
  RIGHT: scalarFn(1, 2, ([value, n]) => {
    const length = count(n, 1, 0);
    if (isError(length)) return length;
    const text = textOf(value);
    return length === 0 ? '' : text.slice(-length);
  }),
  MID: scalarFn(3, 3, ([value, start, n]) => {
    const from = count(start, 1, 1);
    if (isError(from)) return from;
    const length = count(n, 0, 0);
    if (isError(length)) return length;
    return textOf(value).slice(from - 1, from - 1 + length);
  }),
  FIND: locate(true),
  SEARCH: locate(false),
  TRIM: scalarFn(1, 1, ([value]) => textOf(value).trim().replace(/ {2,}/g, ' ')),
  UPPER: scalarFn(1, 1, ([value]) => textOf(value).toUpperCase()),
  LOWER: scalarFn(1, 1, ([value]) => textOf(value).toLowerCase()),
  SUBSTITUTE: scalarFn(3, 4, ([value, search, replacement, occurrence]) => {
    const text = textOf(value);
    const find = textOf(search);
    const by = textOf(replacement);
    if (find === '') return text;
    if (occurrence === undefined) return text.split(find).join(by);
    const nth = count(occurrence, 1, 1);
    if (isError(nth)) return nth;
    let index = -1;
    for (let i = 0; i < nth; i++) {
      index = text.indexOf(find, index + 1);
      if (index < 0) return text;
    }
    return text.slice(0, index) + by + text.slice(index + find.length);
  }),
  CHAR: scalarFn(1, 1, ([value]) => {
    const code = toInteger(value);
    if (isError(code)) return code;
    return code < 1 || code > 0x10ffff ? new FormulaError('#VALUE!', `No character ${code}`) : String.fromCodePoint(code);
  }),
  VALUE: scalarFn(1, 1, ([value]) => toNumber(value)),
  N: scalarFn(1, 1, ([value]) => (typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : 0)),
  // A link shows its label (the URL when there is none): the cell's value is what it shows.
  HYPERLINK: scalarFn(1, 2, ([url, label]) => (label === undefined ? textOf(url) : label)),
};
