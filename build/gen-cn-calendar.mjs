// Writes src/core/cn-calendar/data.generated.ts: the solar terms, lunar festivals and State Council
// holiday schedules of FIRST_YEAR–LAST_YEAR, computed with tyme4ts, so that the Apps Script bundle
// carries a few KB of tables instead of tyme4ts itself (about 215 KB minified).
//
// Usage: node build/gen-cn-calendar.mjs            (npm run gen:calendar) rewrite the file
//        node build/gen-cn-calendar.mjs --stdout   print what the file should hold (the tests compare)
//
// Re-run it whenever tyme4ts is updated: the holiday schedule of a year is published each November
// and reaches tyme4ts in a new release; test/core/cn-calendar-data.test.ts fails until then.
//
// Encoding (decoded by src/core/cn-calendar/index.ts). Days are days of the year, 0 = January 1.
// - Each year of the range holds 24 solar terms and one day of each lunar festival. A value is
//   stored as one base-36 digit: its day of the year minus the earliest day that value takes over
//   the whole range (solar terms move by at most 3 days, lunar festivals by at most 31).
// - A holiday schedule is a list of runs of consecutive days with the same holiday name and kind,
//   4 characters each: the first day (2 base-36 digits), the number of days (1 digit), and
//   1 digit = 2 × the index of the name in HOLIDAY_NAMES + (1 for make-up workdays, 0 for days off).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LegalHoliday, LunarDay, SolarTerm } from 'tyme4ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/core/cn-calendar/data.generated.ts');

/**
 * 1900: dates.ts accepts no earlier year, so no user date lies before it. 2100: the tests walk
 * 1950–2100, plans look at most a few years ahead, and past 2100 the unknown ΔT (Earth's slowing
 * rotation) makes solar terms near midnight uncertain anyway. The whole module is about 9 KB minified.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/** Solar terms in the order they fall in a Gregorian year: 小寒 (tyme4ts index 1) … 大雪 (23), 冬至 (0). */
const TERM_INDICES_IN_YEAR = Array.from({ length: 24 }, (_, k) => (k + 1) % 24);

/** The festival list of names.ts, read through esbuild so that it stays the single source. */
async function loadFestivals() {
  const result = await build({
    entryPoints: [join(root, 'src/core/cn-calendar/names.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
    logLevel: 'silent',
  });
  const source = Buffer.from(result.outputFiles[0].text).toString('base64');
  const names = await import(`data:text/javascript;base64,${source}`);
  return names.FESTIVALS;
}

const dayOfYear = (year, month, day) => (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000;
const isWeekend = (year, month, day) => [0, 6].includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
const base36 = (value, width) => value.toString(36).padStart(width, '0');

function fail(message) {
  throw new Error(`gen-cn-calendar: ${message}`);
}

/** Day of the year of each solar term of `year`, in TERM_INDICES_IN_YEAR order. */
function solarTermDays(year) {
  // Index 0 of tyme4ts's solar-term year `year` is 冬至 of year - 1; 25 steps reach 冬至 of `year`.
  const first = SolarTerm.fromIndex(year, 0);
  const inYear = [];
  for (let step = 0; step <= 24; step++) {
    const term = first.next(step);
    const day = term.getSolarDay();
    if (day.getYear() === year) inYear.push({ index: term.getIndex(), day: dayOfYear(year, day.getMonth(), day.getDay()) });
  }
  if (inYear.map((t) => t.index).join() !== TERM_INDICES_IN_YEAR.join()) fail(`${year} does not hold the 24 solar terms from 小寒 to 冬至`);
  return inYear.map((t) => t.day);
}

/** Day of the year of `festival` (a lunar date) in `year`: exactly one, or the format cannot hold it. */
function lunarFestivalDay(year, festival) {
  const { month, day } = festival.date;
  // A lunar date of lunar year Y can fall in Gregorian Y or Y + 1 (a 12th-month date).
  const days = [year - 1, year]
    .map((lunarYear) => LunarDay.fromYmd(lunarYear, month, day).getSolarDay())
    .filter((solar) => solar.getYear() === year)
    .map((solar) => dayOfYear(year, solar.getMonth(), solar.getDay()));
  if (days.length !== 1) fail(`${festival.key} falls ${days.length} times in ${year}; the format holds exactly one day a year`);
  return days[0];
}

/** The years tyme4ts holds schedule records for, with the month and day of each record. */
function scheduleRecords() {
  const byYear = new Map();
  for (const match of LegalHoliday.DATA.matchAll(/(\d{4})(\d{2})(\d{2})[0-1][0-8][+-]\d{2}/g)) {
    const year = Number(match[1]);
    if (!byYear.has(year)) byYear.set(year, []);
    byYear.get(year).push({ month: Number(match[2]), day: Number(match[3]) });
  }
  return byYear;
}

/** The schedule of `year` as runs of consecutive days with the same name and kind. */
function scheduleRuns(year, records) {
  const days = [];
  for (const { month, day } of records) {
    const entry = LegalHoliday.fromYmd(year, month, day);
    if (!entry) fail(`tyme4ts lists ${year}-${month}-${day} but LegalHoliday.fromYmd does not find it`);
    // tyme4ts also lists a few ordinary weekdays as 班 (2012-05-02, 2012-10-08): they are not 调休.
    if (entry.isWork() && !isWeekend(year, month, day)) continue;
    const nameIndex = LegalHoliday.NAMES.indexOf(entry.getName());
    if (nameIndex < 0) fail(`holiday name ${entry.getName()} is not in LegalHoliday.NAMES`);
    days.push({ day: dayOfYear(year, month, day), code: 2 * nameIndex + (entry.isWork() ? 1 : 0) });
  }
  days.sort((a, b) => a.day - b.day);
  const runs = [];
  for (const { day, code } of days) {
    const last = runs[runs.length - 1];
    if (last && last.code === code && last.first + last.length === day) last.length++;
    else if (last && last.first + last.length > day) fail(`${year} lists day ${day} twice`);
    else runs.push({ first: day, length: 1, code });
  }
  for (const run of runs) if (run.length > 35 || run.code > 35) fail(`a run of ${year} does not fit in the format`);
  return runs.map((run) => base36(run.first, 2) + base36(run.length, 1) + base36(run.code, 1)).join('');
}

/**
 * Turns per-year days of several values into one digit per value per year: the day minus that value's
 * earliest day over the range. Returns the earliest days and the per-year digit strings.
 */
function encodeColumns(rows, label) {
  const earliest = rows[0].map((_, column) => Math.min(...rows.map((row) => row[column])));
  const digits = rows.map((row) =>
    row
      .map((day, column) => {
        const offset = day - earliest[column];
        if (offset > 35) fail(`${label} ${column} spans more than 36 days`);
        return base36(offset, 1);
      })
      .join(''),
  );
  return { earliest, digits };
}

export async function generate() {
  const lunarFestivals = (await loadFestivals()).filter((festival) => festival.date.kind === 'lunar');
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const terms = encodeColumns(years.map(solarTermDays), 'solar term');
  const festivals = encodeColumns(
    years.map((year) => lunarFestivals.map((festival) => lunarFestivalDay(year, festival))),
    'lunar festival',
  );
  const schedules = [...scheduleRecords()].sort(([a], [b]) => a - b).map(([year, records]) => [year, scheduleRuns(year, records)]);
  const version = JSON.parse(readFileSync(join(root, 'node_modules/tyme4ts/package.json'), 'utf8')).version;
  const list = (values) => `[${values.join(', ')}]`;
  const quoted = (text) => `'${text}'`;

  return `// Generated by \`npm run gen:calendar\` (build/gen-cn-calendar.mjs) from tyme4ts ${version}.
// Do not edit by hand: change the generator and run it again. The encoding is described there.
import type { FestivalKey } from './names';

/** The solar terms and lunar festivals are known from FIRST_YEAR to LAST_YEAR. */
export const FIRST_YEAR = ${FIRST_YEAR};
export const LAST_YEAR = ${LAST_YEAR};

/** Column k of YEARS holds tyme4ts solar term (k + 1) % 24: 小寒 … 大雪, then 冬至. This is its earliest day of the year. */
export const SOLAR_TERM_EARLIEST_DAY: readonly number[] = ${list(terms.earliest)};

/** Column 24 + k of YEARS holds LUNAR_FESTIVALS[k], whose earliest day of the year is LUNAR_FESTIVAL_EARLIEST_DAY[k]. */
export const LUNAR_FESTIVALS: readonly FestivalKey[] = ${list(lunarFestivals.map((festival) => quoted(festival.key)))};
export const LUNAR_FESTIVAL_EARLIEST_DAY: readonly number[] = ${list(festivals.earliest)};

/** One string per year from FIRST_YEAR: a base-36 digit per solar term, then one per lunar festival. */
export const YEARS: readonly string[] = [
${years.map((year, i) => `  '${terms.digits[i]}${festivals.digits[i]}', // ${year}`).join('\n')}
];

/** The holiday names of the State Council notices, as tyme4ts gives them. */
export const HOLIDAY_NAMES: readonly string[] = ${list(LegalHoliday.NAMES.map(quoted))};

/** The schedule of each year tyme4ts holds, as runs of days off (休) and make-up workdays (班). */
export const HOLIDAY_SCHEDULES: Readonly<Record<number, string>> = {
${schedules.map(([year, runs]) => `  ${year}: '${runs}',`).join('\n')}
};
`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = await generate();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else writeFileSync(target, text);
}
