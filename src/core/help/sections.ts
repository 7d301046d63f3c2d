/**
 * The help page's sections, one per feature, in the order the page lists them. A sidebar's help link
 * names its feature's section, and the help page opens that one.
 */
export const HELP_SECTIONS = ['sop', 'gantt', 'calendar', 'metrics', 'today', 'review', 'remind', 'team', 'ics', 'print'] as const;

export type HelpSection = (typeof HELP_SECTIONS)[number];

/** What each section says, in this order: its title, a three-step quick start, its settings, where its data lives, its guide. */
export const HELP_PARTS = ['title', 'step1', 'step2', 'step3', 'settings', 'data', 'guide'] as const;

export type HelpPart = (typeof HELP_PARTS)[number];

export function isHelpSection(value: unknown): value is HelpSection {
  return typeof value === 'string' && (HELP_SECTIONS as readonly string[]).includes(value);
}
