/**
 * Display names for what the Chinese calendar marks on a day: the 24 solar terms, the festivals
 * operators plan around, and the legal holidays of the State Council schedule, in zh-CN and en.
 */
import type { Lang } from '../i18n';

/**
 * The 24 solar terms in tyme4ts index order: index 0 is 冬至, which opens tyme4ts's solar-term year
 * (SolarTerm.fromIndex(2027, 0) is 冬至 2026). The Chinese names must equal SolarTerm.NAMES — a test
 * holds them together.
 */
export const SOLAR_TERMS: ReadonlyArray<readonly [zh: string, en: string]> = [
  ['冬至', 'Winter Solstice'],
  ['小寒', 'Minor Cold'],
  ['大寒', 'Major Cold'],
  ['立春', 'Start of Spring'],
  ['雨水', 'Rain Water'],
  ['惊蛰', 'Awakening of Insects'],
  ['春分', 'Spring Equinox'],
  ['清明', 'Pure Brightness'],
  ['谷雨', 'Grain Rain'],
  ['立夏', 'Start of Summer'],
  ['小满', 'Grain Buds'],
  ['芒种', 'Grain in Ear'],
  ['夏至', 'Summer Solstice'],
  ['小暑', 'Minor Heat'],
  ['大暑', 'Major Heat'],
  ['立秋', 'Start of Autumn'],
  ['处暑', 'End of Heat'],
  ['白露', 'White Dew'],
  ['秋分', 'Autumn Equinox'],
  ['寒露', 'Cold Dew'],
  ['霜降', 'Frost Descent'],
  ['立冬', 'Start of Winter'],
  ['小雪', 'Minor Snow'],
  ['大雪', 'Major Snow'],
];

export type FestivalKey =
  | 'newYear'
  | 'newYearsEve'
  | 'springFestival'
  | 'lanternFestival'
  | 'qingming'
  | 'labourDay'
  | 'day520'
  | 'dragonBoat'
  | 'day618'
  | 'qixi'
  | 'midAutumn'
  | 'doubleNinth'
  | 'nationalDay'
  | 'singlesDay'
  | 'double12';

/**
 * How a festival's date is found: a fixed Gregorian date, a lunar date, a solar-term day, or the eve
 * of another festival (除夕 is the last day of the 12th lunar month, 29th or 30th: the day before 春节).
 */
export type FestivalDate =
  | { kind: 'gregorian'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number }
  | { kind: 'solarTerm'; termIndex: number }
  | { kind: 'eve'; of: FestivalKey };

export interface Festival {
  key: FestivalKey;
  names: Record<Lang, string>;
  date: FestivalDate;
}

const QINGMING_TERM_INDEX = SOLAR_TERMS.findIndex(([zh]) => zh === '清明');

/** In display order: festivals that share a day (国庆 and 中秋 in 2020) are listed in this order. */
export const FESTIVALS: readonly Festival[] = [
  { key: 'newYear', names: { 'zh-CN': '元旦', en: "New Year's Day" }, date: { kind: 'gregorian', month: 1, day: 1 } },
  { key: 'newYearsEve', names: { 'zh-CN': '除夕', en: "Chinese New Year's Eve" }, date: { kind: 'eve', of: 'springFestival' } },
  { key: 'springFestival', names: { 'zh-CN': '春节', en: 'Spring Festival' }, date: { kind: 'lunar', month: 1, day: 1 } },
  { key: 'lanternFestival', names: { 'zh-CN': '元宵', en: 'Lantern Festival' }, date: { kind: 'lunar', month: 1, day: 15 } },
  { key: 'qingming', names: { 'zh-CN': '清明', en: 'Qingming' }, date: { kind: 'solarTerm', termIndex: QINGMING_TERM_INDEX } },
  { key: 'labourDay', names: { 'zh-CN': '劳动节', en: 'Labour Day' }, date: { kind: 'gregorian', month: 5, day: 1 } },
  { key: 'day520', names: { 'zh-CN': '520', en: '520' }, date: { kind: 'gregorian', month: 5, day: 20 } },
  { key: 'dragonBoat', names: { 'zh-CN': '端午', en: 'Dragon Boat Festival' }, date: { kind: 'lunar', month: 5, day: 5 } },
  { key: 'day618', names: { 'zh-CN': '618', en: '618 Shopping Festival' }, date: { kind: 'gregorian', month: 6, day: 18 } },
  { key: 'qixi', names: { 'zh-CN': '七夕', en: 'Qixi' }, date: { kind: 'lunar', month: 7, day: 7 } },
  { key: 'midAutumn', names: { 'zh-CN': '中秋', en: 'Mid-Autumn' }, date: { kind: 'lunar', month: 8, day: 15 } },
  { key: 'doubleNinth', names: { 'zh-CN': '重阳', en: 'Double Ninth' }, date: { kind: 'lunar', month: 9, day: 9 } },
  { key: 'nationalDay', names: { 'zh-CN': '国庆', en: 'National Day' }, date: { kind: 'gregorian', month: 10, day: 1 } },
  { key: 'singlesDay', names: { 'zh-CN': '双11', en: "Singles' Day 11.11" }, date: { kind: 'gregorian', month: 11, day: 11 } },
  { key: 'double12', names: { 'zh-CN': '双12', en: 'Double 12' }, date: { kind: 'gregorian', month: 12, day: 12 } },
];

/**
 * English names of the holidays in tyme4ts's LegalHoliday.NAMES (the names of the State Council
 * notices). A name missing here is shown in Chinese rather than dropped.
 */
export const HOLIDAY_NAMES_EN: Readonly<Record<string, string>> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
  国庆中秋: 'National Day & Mid-Autumn Festival',
  抗战胜利日: 'Victory Day',
};

export function solarTermName(termIndex: number, lang: Lang): string {
  const [zh, en] = SOLAR_TERMS[termIndex];
  return lang === 'en' ? en : zh;
}

/** `zhName` is the name tyme4ts gives the holiday. */
export function holidayName(zhName: string, lang: Lang): string {
  return lang === 'en' ? (HOLIDAY_NAMES_EN[zhName] ?? zhName) : zhName;
}
