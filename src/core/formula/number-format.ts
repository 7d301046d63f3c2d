/**
 * Spreadsheet number-format patterns, for TEXT() and for showing cells: dates and times
 * (yyyy-mm-dd, m/d, yyyy年m月d日, hh:mm, ddd), numbers (#,##0, 0.00, 0.0%, "¥"#,##0), and
 * sections (positive;negative;zero;text). Enough of the language for the formats our tabs use.
 */
import { ymdFromSerial } from '../dates';
import { numberToText } from './values';

type DatePart =
  | 'year4'
  | 'year2'
  | 'month'
  | 'month2'
  | 'monthShort'
  | 'monthLong'
  | 'day'
  | 'day2'
  | 'weekdayShort'
  | 'weekdayLong'
  | 'hour'
  | 'hour2'
  | 'minute'
  | 'minute2'
  | 'second'
  | 'second2'
  | 'ampm';

type Item = { kind: 'literal'; text: string } | { kind: 'date'; part: DatePart } | { kind: 'integer' } | { kind: 'fraction' } | { kind: 'text' };

interface Section {
  type: 'date' | 'number' | 'general' | 'text' | 'literal';
  items: Item[];
  integerZeros: number;
  fractionZeros: number;
  fractionDigits: number;
  thousands: boolean;
  /** Multiplier from % signs (×100 each) and trailing commas (÷1000 each). */
  scale: number;
  twelveHour: boolean;
}

interface RawToken {
  kind: 'literal' | 'code';
  text: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && !quoted) {
      current += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  sections.push(current);
  return sections;
}

/** Quoted text, escapes and [colour]/[condition] brackets out of the way; codes kept one character at a time. */
function rawTokens(section: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      tokens.push({ kind: 'literal', text: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\') {
      tokens.push({ kind: 'literal', text: section[i + 1] ?? '' });
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      i = end < 0 ? section.length : end;
    } else if (ch === '_') {
      tokens.push({ kind: 'literal', text: ' ' });
      i++;
    } else if (ch === '*') {
      i++;
    } else {
      tokens.push({ kind: 'code', text: ch });
    }
  }
  return tokens;
}

function emptySection(type: Section['type']): Section {
  return { type, items: [], integerZeros: 0, fractionZeros: 0, fractionDigits: 0, thousands: false, scale: 1, twelveHour: false };
}

function compileDate(tokens: RawToken[]): Section {
  const section = emptySection('date');
  const items = section.items;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const rest = tokens
      .slice(i, i + 5)
      .map((t) => (t.kind === 'code' ? t.text : '\u0000'))
      .join('');
    if (token.kind === 'code' && /^am\/pm/i.test(rest)) {
      items.push({ kind: 'date', part: 'ampm' });
      section.twelveHour = true;
      i += 5;
      continue;
    }
    const letter = token.kind === 'code' ? token.text.toLowerCase() : '';
    if (!'ymdhs'.includes(letter) || letter === '') {
      items.push({ kind: 'literal', text: token.text });
      i++;
      continue;
    }
    let count = 0;
    while (i < tokens.length && tokens[i].kind === 'code' && tokens[i].text.toLowerCase() === letter) {
      count++;
      i++;
    }
    items.push({ kind: 'date', part: datePart(letter, count) });
  }
  // "m" means minutes right after an hour or right before seconds, as in every spreadsheet.
  const dateItems = items.filter((item): item is { kind: 'date'; part: DatePart } => item.kind === 'date');
  dateItems.forEach((item, index) => {
    if (item.part !== 'month' && item.part !== 'month2') return;
    const previous = dateItems[index - 1]?.part;
    const next = dateItems[index + 1]?.part;
    if (previous === 'hour' || previous === 'hour2' || next === 'second' || next === 'second2') {
      item.part = item.part === 'month' ? 'minute' : 'minute2';
    }
  });
  return section;
}

function datePart(letter: string, count: number): DatePart {
  switch (letter) {
    case 'y':
      return count > 2 ? 'year4' : 'year2';
    case 'm':
      return count >= 4 ? 'monthLong' : count === 3 ? 'monthShort' : count === 2 ? 'month2' : 'month';
    case 'd':
      return count >= 4 ? 'weekdayLong' : count === 3 ? 'weekdayShort' : count === 2 ? 'day2' : 'day';
    case 'h':
      return count >= 2 ? 'hour2' : 'hour';
    default:
      return count >= 2 ? 'second2' : 'second';
  }
}

function compileNumber(tokens: RawToken[]): Section {
  const section = emptySection('number');
  const items = section.items;
  const isDigit = (t: RawToken | undefined): boolean => t !== undefined && t.kind === 'code' && '0#?'.includes(t.text);
  let inFraction = false;
  let placedInteger = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'literal') {
      items.push({ kind: 'literal', text: token.text });
      continue;
    }
    const ch = token.text;
    if (isDigit(token)) {
      if (inFraction) {
        section.fractionDigits++;
        if (ch === '0') section.fractionZeros = section.fractionDigits;
      } else {
        if (ch === '0') section.integerZeros++;
        if (!placedInteger) {
          items.push({ kind: 'integer' });
          placedInteger = true;
        }
      }
    } else if (ch === '.' && !inFraction) {
      inFraction = true;
      items.push({ kind: 'fraction' });
    } else if (ch === ',' && !inFraction) {
      if (tokens.slice(i + 1).some(isDigit)) section.thousands = true;
      else section.scale /= 1000;
    } else if (ch === '%') {
      section.scale *= 100;
      items.push({ kind: 'literal', text: '%' });
    } else {
      items.push({ kind: 'literal', text: ch });
    }
  }
  return section;
}

function compileSection(text: string): Section {
  if (/^\s*general\s*$/i.test(text) || text === '') return emptySection('general');
  const tokens = rawTokens(text);
  const codes = tokens
    .filter((t) => t.kind === 'code')
    .map((t) => t.text)
    .join('');
  if (/[0#?]/.test(codes)) return compileNumber(tokens);
  if (/[ymdhs]/i.test(codes) || /am\/pm/i.test(codes)) return compileDate(tokens);
  if (codes.includes('@')) {
    const section = emptySection('text');
    for (const token of tokens) section.items.push(token.kind === 'code' && token.text === '@' ? { kind: 'text' } : { kind: 'literal', text: token.text });
    return section;
  }
  const section = emptySection('literal');
  for (const token of tokens) section.items.push({ kind: 'literal', text: token.text });
  return section;
}

interface CompiledPattern {
  /** Sections for numbers: positive (and all), negative, zero. */
  numeric: Section[];
  text: Section | undefined;
}

const compiled = new Map<string, CompiledPattern>();

function compilePattern(pattern: string): CompiledPattern {
  let result = compiled.get(pattern);
  if (!result) {
    const sections = splitSections(pattern).map(compileSection);
    result = { numeric: sections.filter((s) => s.type !== 'text'), text: sections.find((s) => s.type === 'text') };
    compiled.set(pattern, result);
  }
  return result;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function formatDate(serial: number, section: Section): string {
  let day = Math.floor(serial);
  let seconds = Math.round((serial - day) * 86400);
  if (seconds >= 86400) {
    day++;
    seconds -= 86400;
  }
  const { year, month, day: dayOfMonth } = ymdFromSerial(day);
  const weekday = (((day - 1) % 7) + 7) % 7;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  const shownHours = section.twelveHour ? ((hours + 11) % 12) + 1 : hours;
  let out = '';
  for (const item of section.items) {
    if (item.kind !== 'date') {
      out += item.kind === 'literal' ? item.text : '';
      continue;
    }
    switch (item.part) {
      case 'year4':
        out += String(year);
        break;
      case 'year2':
        out += pad(year % 100, 2);
        break;
      case 'month':
        out += String(month);
        break;
      case 'month2':
        out += pad(month, 2);
        break;
      case 'monthShort':
        out += MONTHS[month - 1].slice(0, 3);
        break;
      case 'monthLong':
        out += MONTHS[month - 1];
        break;
      case 'day':
        out += String(dayOfMonth);
        break;
      case 'day2':
        out += pad(dayOfMonth, 2);
        break;
      case 'weekdayShort':
        out += WEEKDAYS[weekday].slice(0, 3);
        break;
      case 'weekdayLong':
        out += WEEKDAYS[weekday];
        break;
      case 'hour':
        out += String(shownHours);
        break;
      case 'hour2':
        out += pad(shownHours, 2);
        break;
      case 'minute':
        out += String(minutes);
        break;
      case 'minute2':
        out += pad(minutes, 2);
        break;
      case 'second':
        out += String(secs);
        break;
      case 'second2':
        out += pad(secs, 2);
        break;
      case 'ampm':
        out += hours < 12 ? 'AM' : 'PM';
        break;
    }
  }
  return out;
}

/** Rounds half away from zero at `digits` decimals, correcting binary noise first (1.005 → 1.01). */
export function roundHalfAway(value: number, digits: number): number {
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  if (digits >= 0) {
    const factor = Math.pow(10, digits);
    return (sign * Math.round(Number((abs * factor).toPrecision(15)))) / factor;
  }
  const factor = Math.pow(10, -digits);
  return sign * Math.round(Number((abs / factor).toPrecision(15))) * factor;
}

function groupThousands(digits: string): string {
  if (digits.length <= 3) return digits;
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += ',' + digits.slice(i, i + 3);
  return grouped;
}

/** Formats a non-negative number with a number section; reports whether any digit shown is non-zero. */
function formatDigits(value: number, section: Section): { text: string; nonZero: boolean } {
  const scaled = value * section.scale;
  const rounded = Number.isInteger(scaled) ? scaled : roundHalfAway(scaled, section.fractionDigits);
  const fixed = rounded.toFixed(section.fractionDigits);
  const dot = fixed.indexOf('.');
  let integer = dot < 0 ? fixed : fixed.slice(0, dot);
  let fraction = dot < 0 ? '' : fixed.slice(dot + 1);
  let keep = fraction.length;
  while (keep > section.fractionZeros && fraction.charCodeAt(keep - 1) === 48) keep--;
  if (keep < fraction.length) fraction = fraction.slice(0, keep);
  if (integer === '0' && section.integerZeros === 0) integer = '';
  if (integer.length < section.integerZeros) integer = integer.padStart(section.integerZeros, '0');
  if (section.thousands) integer = groupThousands(integer);
  let text = '';
  for (const item of section.items) {
    if (item.kind === 'literal') text += item.text;
    else if (item.kind === 'integer') text += integer;
    else if (item.kind === 'fraction') text += '.' + fraction; // "0.##" shows 2 as "2.", as spreadsheets do
  }
  return { text, nonZero: rounded !== 0 };
}

function formatWithSection(value: number, section: Section, signed: boolean): string {
  switch (section.type) {
    case 'general':
      return numberToText(signed ? value : Math.abs(value));
    case 'date':
      return formatDate(value, section);
    case 'number': {
      const { text, nonZero } = formatDigits(Math.abs(value), section);
      return signed && value < 0 && nonZero ? '-' + text : text;
    }
    default:
      return section.items.map((item) => (item.kind === 'literal' ? item.text : '')).join('');
  }
}

/** A number shown with a format pattern, e.g. (46357, "yyyy-mm-dd") → "2026-12-01", (0.232, "0.0%") → "23.2%". */
export function formatNumber(value: number, pattern: string): string {
  const { numeric } = compilePattern(pattern);
  if (value < 0 && numeric.length >= 2) return formatWithSection(value, numeric[1], false);
  if (value === 0 && numeric.length >= 3) return formatWithSection(value, numeric[2], false);
  return formatWithSection(value, numeric[0] ?? emptySection('general'), true);
}

/** Text shown with a format pattern: its text section ("@"-section) when there is one, else as is. */
export function formatText(text: string, pattern: string): string {
  const textSection = compilePattern(pattern).text;
  if (!textSection) return text;
  return textSection.items.map((item) => (item.kind === 'text' ? text : item.kind === 'literal' ? item.text : '')).join('');
}
