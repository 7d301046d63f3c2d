/**
 * Reading the numbers people paste: "1,200人", "¥5,800", "1.2万", "２３２", "23.2%", "-" for nothing.
 * A missing value is null, never zero; anything else that is not a number is a reason code.
 */
import { toHalfWidth } from '../dates';

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const SPACES = /[\s\u00a0]/;

/** Half-width, without spaces, lower case — converting only when needed: this runs for every pasted cell. */
function compact(text: string): string {
  let out = FULL_WIDTH.test(text) ? toHalfWidth(text) : text;
  if (SPACES.test(out)) out = out.replace(/[\s\u00a0]+/g, '');
  return out.toLowerCase();
}
import type { CellValue } from '../tab/spec';

export type NumberProblem = 'notANumber' | 'percentNotExpected' | 'boolean' | 'notFinite';

export type NumberReading = { ok: true; value: number | null } | { ok: false; reason: NumberProblem };

export interface ReadNumberOptions {
  /** A rate is expected: "23.2%" reads as 0.232. Otherwise a percentage is a problem (a count was expected). */
  rate?: boolean;
}

const MISSING = new Set(['', '-', '--', '—', '——', '–', '−', '/', 'n/a', 'na', '#n/a', 'null', '无', '暂无', '空']);

/** Units people type after numbers; removed before reading (currency signs before them: ¥ ￥ $ rmb cny). */
const SUFFIX = /(?:人次|人|单|元|块|个|位|名|笔|次|份|件|分钟|min|mins|minutes|rmb|cny|¥|￥)$/;
/** Magnitude words as powers of ten: 1.2万 = 1.2e4; "w" is how 万 is typed in chats. */
const MAGNITUDE: Record<string, number> = { 万: 4, w: 4, 亿: 8, k: 3 };

/** The common case, read without any cleaning: "232", "-35", "0.5". */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const PLAIN = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** What reading gives before it is wrapped: the number, null for missing, or the problem's name. */
export type NumberOrProblem = number | null | NumberProblem;

/** True when a cell holds nothing: blank, "-", "—", "N/A", "无"… */
export function isMissingCell(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Every placeholder is short: longer text is never missing, and most cells are longer or plain digits.
  if (value.length > 12 || PLAIN_DECIMAL.test(value)) return false;
  return MISSING.has(compact(value));
}

export function readNumber(value: CellValue | undefined, options: ReadNumberOptions = {}): NumberReading {
  const read = readNumberValue(value, options);
  return typeof read === 'string' ? { ok: false, reason: read } : { ok: true, value: read };
}

/** readNumber without the wrapper object, for the parsers' loops over every pasted cell. */
export function readNumberValue(value: CellValue | undefined, options: ReadNumberOptions = {}): NumberOrProblem {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'notFinite';
  if (typeof value === 'boolean') return 'boolean';
  return readNumberText(value, options);
}

/** A leading minus (ASCII or U+2212) toggles the sign; a leading plus is dropped. */
function signOf(text: string): 1 | -1 | 0 {
  const first = text.charCodeAt(0);
  if (first === 0x2d || first === 0x2212) return -1;
  return first === 0x2b ? 1 : 0;
}

/** The cleaning is written out by hand, without closures and regex replaces: it runs for every pasted cell. */
function readNumberText(raw: string, options: ReadNumberOptions): NumberOrProblem {
  if (PLAIN_DECIMAL.test(raw)) return finiteOrFail(Number(raw));
  let text = compact(raw);
  if (MISSING.has(text)) return null;

  let negative = false;
  if (text.length >= 2 && text.charCodeAt(0) === 0x28 && text.charCodeAt(text.length - 1) === 0x29) {
    // Accounting style: (1,200) is −1,200.
    negative = true;
    text = text.slice(1, -1);
  }
  let sign = signOf(text);
  if (sign !== 0) {
    if (sign < 0) negative = !negative;
    text = text.slice(1);
  }
  const currency = text.charCodeAt(0);
  if (currency === 0xa5 || currency === 0xffe5 || currency === 0x24) text = text.slice(1);
  else if (text.startsWith('rmb') || text.startsWith('cny')) text = text.slice(3);
  sign = signOf(text);
  if (sign !== 0) {
    if (sign < 0) negative = !negative;
    text = text.slice(1);
  }

  let percent = false;
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x25) {
    percent = true;
    text = text.slice(0, -1);
  } else if (!(last >= 0x30 && last <= 0x39)) {
    text = text.replace(SUFFIX, '');
  }

  let exponent = 0;
  const magnitude = MAGNITUDE[text.slice(-1)];
  if (magnitude !== undefined && text.length > 1) {
    exponent += magnitude;
    text = text.slice(0, -1);
  }
  if (percent) {
    if (!options.rate) return 'percentNotExpected';
    exponent -= 2;
  }

  let digits: string;
  const plain = PLAIN.exec(text);
  if (plain) {
    digits = plain[1];
    if (plain[2] !== undefined) exponent += Number(plain[2]);
  } else if (GROUPED.test(text)) {
    digits = text.replace(/,/g, '');
  } else {
    return 'notANumber';
  }
  // Scaling through the exponent keeps 1.2万 = 12000 and 23.2% = 0.232 exact (no 23.2 / 100 rounding).
  return finiteOrFail(exponent === 0 ? Number(digits) : Number(`${digits}e${exponent}`), negative);
}

function finiteOrFail(value: number, negative = false): NumberOrProblem {
  if (!Number.isFinite(value)) return 'notFinite';
  return negative && value !== 0 ? -value : value === 0 ? 0 : value;
}
