/**
 * What Sheets makes of text a person types into a cell: numbers (with thousands separators and
 * percent), dates (yyyy-mm-dd and the like → a day serial), TRUE/FALSE, "=…" formulas (value filled
 * by the recalculation), a leading apostrophe forcing text; anything else stays text. The playground's
 * cell editor uses it, so a typed formula is a formula.
 */
import { parseDate } from '../core/dates';
import type { Cell } from '../core/tab/spec';

export function typedInput(text: string): Cell {
  if (text === '') return null;
  if (text.startsWith("'")) return text.slice(1);
  if (text.startsWith('=') && text.length > 1) return { formula: text, value: null };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  const number = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(%)?$/.exec(trimmed);
  if (number) {
    const value = Number(trimmed.replace(/[,%]/g, ''));
    return number[4] ? value / 100 : value;
  }
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(trimmed)) {
    const serial = parseDate(trimmed);
    if (serial !== null) return serial;
  }
  return text;
}

/**
 * A value read from a file or a paste (the CLI's --tasks and --activities, the demo's sample files):
 * numbers, percentages, dates and booleans are read as typedInput reads them, but text is always data —
 * "=HYPERLINK(…)", "+86 138…", "@SUM(1)" stay text and never become formulas.
 */
export function dataInput(text: string): Cell {
  const typed = typedInput(text);
  return typeof typed === 'object' && typed !== null ? text : typed;
}
