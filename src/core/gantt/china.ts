/** The Gantt's calendar wired to the Chinese calendar module (weekends, legal holidays, 调休 days). */
import { dayInfo, isWorkingDay } from '../cn-calendar';
import type { GanttCalendar } from './tab';

export const chineseCalendar: GanttCalendar = { isWorkingDay, dayInfo };
