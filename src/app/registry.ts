/**
 * The features of the add-on, in menu order. Adding a feature is one line here plus its own files
 * (core module, app/features entry, sidebar page): the menu, the API table, the Apps Script globals
 * and the playground's routes all follow from this list.
 */
import { calendarFeature } from './features/calendar';
import { ganttFeature } from './features/gantt';
import { helpFeature } from './features/help';
import { metricsFeature } from './features/metrics';
import { sopFeature } from './features/sop';
import { teamFeature } from './features/team';

export const FEATURES = [sopFeature, ganttFeature, calendarFeature, metricsFeature, teamFeature, helpFeature] as const;

type RegisteredFeature = (typeof FEATURES)[number];

/** The sidebar pages, one per feature that has one. */
export type SidebarPage = NonNullable<RegisteredFeature['page']>;
/** The global functions the menu calls. */
export type MenuFunctionName = RegisteredFeature['menu'][number]['fn'];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every feature's API functions in one table (their names are global in Sheets, so they never repeat). */
export type RegisteredApi = UnionToIntersection<RegisteredFeature['api']>;
export type CustomFunctionName = keyof UnionToIntersection<NonNullable<RegisteredFeature['customFunctions']>>;
