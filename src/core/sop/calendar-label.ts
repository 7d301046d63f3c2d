/** The text of the 节日/节气 column: legal holidays (休), make-up workdays (班), solar terms and festivals. */
import { dayInfo } from '../cn-calendar';
import type { DaySerial } from '../dates';
import type { Lang } from '../i18n';
import { t } from '../i18n';

/** "国庆节（休）", "春节调休（班）", "冬至", "元旦" …, joined when a day has several; "" for an ordinary day. */
export function calendarLabel(serial: DaySerial, lang: Lang): string {
  const info = dayInfo(serial, lang);
  const parts: string[] = [];
  if (info.holiday && info.holidayName) parts.push(t(lang, 'sop.calendar.holiday', { name: info.holidayName }));
  if (info.makeUpWorkday && info.holidayName) parts.push(t(lang, 'sop.calendar.makeUpWorkday', { name: info.holidayName }));
  // The holiday's own festival or term (国庆 in 国庆节, 清明 in 清明节) is already named by the holiday part.
  const namedByHoliday = (name: string): boolean => info.holiday && info.holidayName !== null && info.holidayName.startsWith(name);
  for (const name of [...(info.solarTerm ? [info.solarTerm] : []), ...info.festivals]) {
    if (!namedByHoliday(name) && !parts.includes(name)) parts.push(name);
  }
  return parts.join(t(lang, 'sop.calendar.join'));
}
