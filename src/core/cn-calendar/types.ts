/** What the Chinese calendar says about one day. Names are localized by the caller's language. */
import type { DaySerial } from '../dates';

export interface DayInfo {
  serial: DaySerial;
  /** One of the 24 solar terms when it falls on this day (冬至 / Winter Solstice), else null. */
  solarTerm: string | null;
  /** Festivals on this day (春节, 中秋, 520, 双11 …), in display order; [] when none. */
  festivals: string[];
  /** A legal-holiday day off (法定节假日 休), including weekend days inside the holiday block. */
  holiday: boolean;
  /** The holiday's name when `holiday` or `makeUpWorkday` is true (国庆节 / National Day). */
  holidayName: string | null;
  /** A weekend day that is a working day because of 调休 (班). */
  makeUpWorkday: boolean;
  /** Working day: Mon–Fri that is not a holiday, or a make-up workday. */
  workingDay: boolean;
}
