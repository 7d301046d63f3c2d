/**
 * The calendar sidebar's requests, as they arrive over the wire, checked for shape before a use case
 * runs. The month text and the rhythm's values are read by the use case, which names what is wrong.
 */
import { parseObjectRequest, type RequestFields } from '../request';
import type { WeekStart } from '../settings';
import { ACTIVITY_TYPES, type ActivityType } from './activities';
import type { Rhythm } from './draft';

export const CALENDAR_SPANS = ['month', 'quarter', 'months'] as const;
export type CalendarSpan = (typeof CALENDAR_SPANS)[number];

const WEEK_STARTS: readonly WeekStart[] = ['mon', 'sun'];
/** The rhythm's settings whose values normalizeRhythm judges (it names each bad one in the calendar's words). */
const RHYTHM_VALUES = ['campEveryWeeks', 'campWeekday', 'campDays', 'weeklyLiveWeekday', 'promoOnFestivals', 'dailyMoments'] as const satisfies ReadonlyArray<
  keyof Rhythm
>;

export interface GenerateCalendarInput {
  month: string;
  span?: CalendarSpan;
  /** Months for span 'months' (1–12). */
  count?: number;
  weekStart?: WeekStart;
  /** The list tab; the default list when not given. */
  list?: string;
}

export interface DraftMonthInput {
  month: string;
  rhythm?: Partial<Record<keyof Rhythm, unknown>>;
  list?: string;
  weekStart?: WeekStart;
  /** The user agreed to copy a pasted list into our list tab before appending. */
  convert?: boolean;
}

export function parseGenerateCalendarRequest(raw: unknown): GenerateCalendarInput {
  return parseObjectRequest('calendar.error.request', raw, (fields) => {
    const input: GenerateCalendarInput = { month: fields.text('month') };
    const span = fields.optionalChoice('span', CALENDAR_SPANS);
    // An unused or empty count field arrives as null (NaN through JSON): the use case's default then applies.
    const count = fields.optionalNumber('count');
    const weekStart = fields.optionalChoice('weekStart', WEEK_STARTS);
    const list = fields.optionalText('list');
    if (span !== undefined) input.span = span;
    if (typeof count === 'number') input.count = count;
    if (weekStart !== undefined) input.weekStart = weekStart;
    if (list !== undefined) input.list = list;
    return input;
  });
}

export function parseDraftMonthRequest(raw: unknown): DraftMonthInput {
  return parseObjectRequest('calendar.error.request', raw, (fields) => {
    const input: DraftMonthInput = { month: fields.text('month') };
    const rhythm = fields.optionalObject('rhythm', readRhythm);
    const list = fields.optionalText('list');
    const weekStart = fields.optionalChoice('weekStart', WEEK_STARTS);
    const convert = fields.optionalFlag('convert');
    if (rhythm !== undefined) input.rhythm = rhythm;
    if (list !== undefined) input.list = list;
    if (weekStart !== undefined) input.weekStart = weekStart;
    if (convert !== undefined) input.convert = convert;
    return input;
  });
}

function readRhythm(fields: RequestFields): Partial<Record<keyof Rhythm, unknown>> {
  const rhythm: Partial<Record<keyof Rhythm, unknown>> = {};
  for (const key of RHYTHM_VALUES) {
    const value = fields.any(key);
    if (value !== undefined) rhythm[key] = value;
  }
  // normalizeRhythm takes these two as they are, so their shape is settled here.
  const owners = fields.optionalObject('owners', readOwners);
  const targetGroups = fields.optionalTextList('targetGroups');
  if (owners !== undefined) rhythm.owners = owners;
  if (targetGroups !== undefined) rhythm.targetGroups = targetGroups;
  return rhythm;
}

function readOwners(fields: RequestFields): Partial<Record<ActivityType, string>> {
  const owners: Partial<Record<ActivityType, string>> = {};
  for (const type of ACTIVITY_TYPES) {
    const owner = fields.optionalText(type);
    if (owner !== undefined) owners[type] = owner;
  }
  return owners;
}
