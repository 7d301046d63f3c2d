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

/** Units and currency people type around numbers; removed before reading. */
const PREFIX = /^(?:¥|￥|\$|rmb|cny)/;
const SUFFIX = /(?:人次|人|单|元|块|个|位|名|笔|次|份|件|分钟|min|mins|minutes|rmb|cny|¥|￥)$/;
/** Magnitude words as powers of ten: 1.2万 = 1.2e4; "w" is how 万 is typed in chats. */
const MAGNITUDE: Record<string, number> = { 万: 4, w: 4, 亿: 8, k: 3 };

/** The common case, read without any cleaning: "232", "-35", "0.5". */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const PLAIN = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

const ok = (value: number | null): NumberReading => ({ ok: true, value });
const fail = (reason: NumberProblem): NumberReading => ({ ok: false, reason });

/** True when a cell holds nothing: blank, "-", "—", "N/A", "无"… */
export function isMissingCell(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Every placeholder is short: longer text is never missing, and most cells are longer or plain digits.
  if (value.length > 12 || PLAIN_DECIMAL.test(value)) return false;
  return MISSING.has(compact(value));
}

export function readNumber(value: CellValue | undefined, options: ReadNumberOptions = {}): NumberReading {
  if (value === null || value === undefined) return ok(null);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('notFinite');
  if (typeof value === 'boolean') return fail('boolean');
  return readNumberText(value, options);
}

function readNumberText(raw: string, options: ReadNumberOptions): NumberReading {
  if (PLAIN_DECIMAL.test(raw)) return finiteOrFail(Number(raw));
  let text = compact(raw);
  if (MISSING.has(text)) return ok(null);

  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    // Accounting style: (1,200) is −1,200.
    negative = true;
    text = text.slice(1, -1);
  }
  const takeSign = (): void => {
    if (/^[-−]/.test(text)) {
      negative = !negative;
      text = text.slice(1);
    } else if (text.startsWith('+')) text = text.slice(1);
  };
  takeSign();
  text = text.replace(PREFIX, '');
  takeSign();

  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1);
  } else {
    text = text.replace(SUFFIX, '');
  }

  let exponent = 0;
  const magnitude = MAGNITUDE[text.slice(-1)];
  if (magnitude !== undefined && text.length > 1) {
    exponent += magnitude;
    text = text.slice(0, -1);
  }
  if (percent) {
    if (!options.rate) return fail('percentNotExpected');
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
    return fail('notANumber');
  }
  // Scaling through the exponent keeps 1.2万 = 12000 and 23.2% = 0.232 exact (no 23.2 / 100 rounding).
  return finiteOrFail(Number(`${digits}e${exponent}`), negative);
}

function finiteOrFail(value: number, negative = false): NumberReading {
  if (!Number.isFinite(value)) return fail('notFinite');
  return ok(negative && value !== 0 ? -value : value === 0 ? 0 : value);
}
