/**
 * The activity cells under each day of the calendar tab ("slots"): slot k shows the k-th activity
 * covering the day, in list order, as "【训练营】JAVA入门3天训练营(12期) · 林晓". The sheet computes
 * them with formulas over the activity list, so editing the list updates the calendar; the core
 * computes the same text for the preview, the xlsx cached values and the tests.
 *
 * Why this formula. It has to give the same text in Google Sheets and in LibreOffice 7.4 (which
 * recalculates the exported xlsx), entered as an ordinary formula in both:
 * - FILTER does not exist in LibreOffice 7.4; TEXTJOIN(IF(range…)) is an array formula there (it
 *   needs array entry, and `_xlfn.` in xlsx) and needs ARRAYFORMULA in Sheets, which LibreOffice does
 *   not know (#NAME?). A single joined cell also could not be coloured by type.
 * - So each day has a fixed number of slot cells, and slot k finds the list row of the k-th match
 *   with SUMPRODUCT(SMALL(ROW(…)-offset+(1-match)*1000000, k)): matching rows keep their position,
 *   the others are pushed past 1,000,000. SUMPRODUCT takes arrays, so its arguments are evaluated
 *   as arrays without array entry: the classic CSE-free idiom of Excel, kept with arithmetic rather
 *   than IF inside it, since Excel does not array-evaluate IF there. LibreOffice 7.4.7 headless
 *   computes it as an ordinary formula (test/core/calendar/live-formulas.test.ts checks every cell).
 * - With fewer than k matches the position is past the range, INDEX fails and IFERROR shows "".
 * - The last slot shows "…另有 N 项" when more activities cover the day than there are slots.
 * - A draft (status 草稿 / draft) reads "草稿·【类型】…": the prefix tells it apart in print and in
 *   any viewer, and the calendar's draft style (a conditional format) keys on it.
 * The match: a numeric start ≤ day, and end ≥ day or (end blank and start = day), a name, and a
 * status other than the cancelled label in either language — the rules readActivityGrid and
 * coversDay apply. Only old functions are used (SUMPRODUCT, SMALL, ROW, INDEX, ISNUMBER, IF,
 * IFERROR, DATE), so no `_xlfn.` prefix is needed in xlsx.
 */
import { ymdFromSerial, type DaySerial } from '../dates';
import { t, type Lang } from '../i18n';
import { columnLetter, quoteTabName } from '../tab/spec';
import { statusLabel, type Activity, type ActivityField, type ActivityListLayout } from './activities';

/** The activity list a calendar reads. */
export interface ActivityListRef {
  tabName: string;
  layout: ActivityListLayout;
  /** How many rows the list grid had when read (header and title rows included). */
  gridRows: number;
}

/** Pushes a non-matching row past any real position in SMALL. */
const NO_MATCH_OFFSET = 1000000;

/**
 * The 1-based sheet row the formulas read from (below the header). They read to the bottom of the
 * list tab, whatever its size: an open-ended range ($A$2:$A) never points past a tab that has fewer
 * rows, and sees activities added below later. (An .xlsx has no open-ended ranges; its writer closes
 * them at the end of the tab's data, with room to add.)
 */
export function listFirstRow(list: ActivityListRef): number {
  return list.layout.headerRow + 2;
}

/** How an activity reads in a slot. */
export function slotText(activity: Activity, lang: Lang): string {
  const draft = activity.status === 'draft' ? t(lang, 'calendar.slot.draft') : '';
  const text = draft + t(lang, 'calendar.slot.open') + activity.typeText + t(lang, 'calendar.slot.close') + activity.name;
  return activity.owner ? text + t(lang, 'calendar.slot.ownerSeparator') + activity.owner : text;
}

/** The "…另有 N 项" text around its number, for the formula to put the count in between. */
function moreTextParts(lang: Lang): [string, string] {
  const marker = '\u0000';
  const [before, after] = t(lang, 'calendar.slot.more', { count: marker }).split(marker);
  return [before, after];
}

/** The texts of a day's `slots` cells ("" for an empty slot), from the activities covering it in list order. */
export function slotTexts(activitiesOfDay: Activity[], slots: number, lang: Lang): string[] {
  const texts: string[] = [];
  for (let k = 0; k < slots; k++) texts.push(activitiesOfDay[k] ? slotText(activitiesOfDay[k], lang) : '');
  if (activitiesOfDay.length > slots) {
    const [before, after] = moreTextParts(lang);
    texts[slots - 1] = before + (activitiesOfDay.length - slots + 1) + after;
  }
  return texts;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The formula of slot `slot` (1-based) of a day, without the leading "=". */
export function slotFormula(list: ActivityListRef, day: DaySerial, slot: number, slots: number, lang: Lang): string {
  const first = listFirstRow(list);
  const column = (field: ActivityField): string | null => {
    const index = list.layout.columns[field];
    if (index < 0) return null;
    const letter = columnLetter(index);
    return `${quoteTabName(list.tabName)}!$${letter}$${first}:$${letter}`;
  };
  const name = column('name') as string;
  const type = column('type') as string;
  const start = column('start') as string;
  const end = column('end');
  const owner = column('owner');
  const status = column('status');
  const { year, month, day: dayOfMonth } = ymdFromSerial(day);
  const date = `DATE(${year},${month},${dayOfMonth})`;

  const terms = [`ISNUMBER(${start})`, `(${start}<=${date})`];
  terms.push(end ? `((${end}>=${date})+(${end}="")*(${start}=${date}))` : `(${start}=${date})`);
  terms.push(`(${name}<>"")`);
  if (status) {
    for (const lang2 of ['zh-CN', 'en'] as Lang[]) terms.push(`(${status}<>${quote(statusLabel('cancelled', lang2))})`);
  }
  const match = terms.join('*');

  const position = `SUMPRODUCT(SMALL(ROW(${name})-${first - 1}+(1-${match})*${NO_MATCH_OFFSET},${slot}))`;
  let text = `${quote(t(lang, 'calendar.slot.open'))}&INDEX(${type},${position})&${quote(t(lang, 'calendar.slot.close'))}&INDEX(${name},${position})`;
  if (owner) {
    text += `&IF(INDEX(${owner},${position})="","",${quote(t(lang, 'calendar.slot.ownerSeparator'))}&INDEX(${owner},${position}))`;
  }
  if (status) {
    const draftTests = (['zh-CN', 'en'] as Lang[]).map((lang2) => `INDEX(${status},${position})=${quote(statusLabel('draft', lang2))}`);
    text = `IF(OR(${draftTests.join(',')}),${quote(t(lang, 'calendar.slot.draft'))},"")&${text}`;
  }
  const slotValue = `IFERROR(${text},"")`;
  if (slot < slots) return slotValue;
  const [before, after] = moreTextParts(lang);
  const count = `SUMPRODUCT(${match})`;
  return `IF(${count}>${slots},${quote(before)}&(${count}-${slots - 1})&${quote(after)},${slotValue})`;
}
