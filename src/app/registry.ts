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
import { selfTestFeature } from './features/selftest';
import { teamFeature } from './features/team';
import { todayFeature } from './features/today';
import { reviewFeature } from './features/review';
import { remindFeature } from './features/remind';
import { printFeature } from './features/print';
import type { Lang } from '../core/i18n';
import { selectMessages, type PageMessages, type SelectedKey } from './page-messages';

export const FEATURES = [
  sopFeature,
  ganttFeature,
  calendarFeature,
  metricsFeature,
  todayFeature,
  reviewFeature,
  remindFeature,
  teamFeature,
  helpFeature,
  selfTestFeature,
  printFeature,
] as const;

type RegisteredFeature = (typeof FEATURES)[number];

/** The sidebar pages, one per feature that has one. */
export type SidebarPage = NonNullable<RegisteredFeature['page']>;
/** The global functions the menu calls. */
export type MenuFunctionName = RegisteredFeature['menu'][number]['fn'];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every feature's API functions in one table (their names are global in Sheets, so they never repeat). */
export type RegisteredApi = UnionToIntersection<RegisteredFeature['api']>;
export type CustomFunctionName = keyof UnionToIntersection<NonNullable<RegisteredFeature['customFunctions']>>;
/** The global functions installable triggers call. */
export type TriggerName = keyof UnionToIntersection<NonNullable<RegisteredFeature['triggers']>>;

type FeatureWithPage<P extends SidebarPage> = Extract<RegisteredFeature, { page?: P }>;

/** What every page shows besides its feature's messages: the link to the help page (ui/help-link.ts). */
const EVERY_PAGE_MESSAGES = ['help.link'] as const;

/** The keys a page may show: those its feature's `pageMessages` select, and the help link's label. */
export type PageMessageKey<P extends SidebarPage> = SelectedKey<NonNullable<FeatureWithPage<P>['pageMessages']>[number] | (typeof EVERY_PAGE_MESSAGES)[number]>;

/** Each sidebar page's message selectors, from its feature. */
export const PAGE_MESSAGES = Object.fromEntries(
  FEATURES.flatMap((feature): [string, readonly string[]][] =>
    feature.page ? [[feature.page, [...(feature.pageMessages ?? []), ...EVERY_PAGE_MESSAGES]]] : [],
  ),
) as Record<SidebarPage, readonly string[]>;

export function isSidebarPage(value: string): value is SidebarPage {
  return Object.prototype.hasOwnProperty.call(PAGE_MESSAGES, value);
}

/** One page's messages in one language (what its sidebar receives). */
export function pageMessages(lang: Lang, page: SidebarPage): PageMessages {
  return selectMessages(lang, PAGE_MESSAGES[page]);
}
