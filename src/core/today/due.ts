/**
 * A piece of work that is due: an SOP row or a push-plan task, as the Today board shows it and as the
 * reminders send it. The board computes the same items live with formulas; `readDueItems` (the core's
 * reading of the source tabs' values) is what reminders use, and the two are tested to agree.
 */
import type { DaySerial } from '../dates';

/** Where an item comes from: an SOP tab's row or a Gantt plan's task. */
export type DueSource = 'sop' | 'plan';

/** The item's state on the day asked about. `today`: due that day; `upcoming`: within the look-ahead; `overdue`: due before and not done. */
export type DueState = 'overdue' | 'today' | 'upcoming';

export interface DueItem {
  source: DueSource;
  /** The tab's name now (tabs are found by marker; the name is for links and messages). */
  tab: string;
  /** The 1-based sheet row of the item in its tab, for a link straight to it. */
  row: number;
  /** The SOP tab's group (群) and cohort (期次); for a plan task, the plan's name and ''. */
  group: string;
  cohort: string;
  date: DaySerial;
  /** Minute of the day (0–1439) when the row has a time, else null. */
  minute: number | null;
  /** What to do (事项 / task name). */
  item: string;
  /** The executor as written in the owner column; '' when nobody owns it. */
  owner: string;
  /** The status label as written (empty when none): shown as is. */
  status: string;
  state: DueState;
  /** Days past its date (0 unless overdue). */
  daysOverdue: number;
}
