/**
 * What a `@time-zones` suite runs again in the extra zones' passes (jest.config.js). A suite is zoned
 * because some of its tests cross a date edge (Sheets' Date objects, .xlsx cells, the clock); its
 * other tests — call counts, argument checks, byte streams — give the same result in every zone and
 * are registered only in the first pass, with `itOnce`. Property tests run fewer cases in the extra
 * passes (`zonedRuns`): the first pass explores, the others check that the zone changes nothing.
 */

/** True in the passes after the first time zone's. */
export const inExtraZonePass = (globalThis as { SOP_EXTRA_ZONE?: boolean }).SOP_EXTRA_ZONE === true;

/** A test whose outcome cannot depend on the process's time zone: registered in the first pass only. */
export function itOnce(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (!inExtraZonePass) it(name, fn, timeout);
}

/** A property's run count: `runs` in the first pass, a quarter of it (at least 5) in the extra zones' passes. */
export function zonedRuns(runs: number): number {
  return inExtraZonePass ? Math.max(5, Math.ceil(runs / 4)) : runs;
}
