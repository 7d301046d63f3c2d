/**
 * The UTC offset of a local wall-clock time, for the Clock adapters (Apps Script asks
 * its date formatter, Node asks Intl, both only "what is the offset at this instant?"). Pure
 * arithmetic on epoch milliseconds, so both adapters settle the edge cases the same way:
 * - a local time that happens twice (the hour the clocks go back) is the first of the two;
 * - a local time that never happens (the hour the clocks go forward) is read with the offset before
 *   the change, which lands it as far after the change as it was after the last valid minute
 *   (02:30 on the night Los Angeles moves to daylight time becomes 03:30 PDT).
 */
import type { DaySerial } from '../dates';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Day serial of 1970-01-01, the epoch of instants. */
const EPOCH_SERIAL = 25_569;

/** Minutes east of UTC of a zone at an instant (epoch milliseconds). */
export type OffsetAtInstant = (epochMillis: number) => number;

/**
 * Minutes east of UTC at a local day and minute of the day, given the zone's offset at any instant.
 * The zone is assumed to change its offset at most once within a day of that time.
 */
export function offsetAtWallClock(day: DaySerial, minuteOfDay: number, offsetAt: OffsetAtInstant): number {
  const wall = (day - EPOCH_SERIAL) * DAY_MS + minuteOfDay * MINUTE_MS;
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  // Nearly always: no change of offset in the two days around it (two probes, which the adapters pay for).
  if (before === after) return before;
  // Each candidate offset is right when the instant it gives does have that offset.
  const fits = (offset: number): boolean => offsetAt(wall - offset * MINUTE_MS) === offset;
  if (fits(before)) return before;
  if (fits(after)) return after;
  return before;
}
