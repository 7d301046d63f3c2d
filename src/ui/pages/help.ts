/**
 * The help page: one folded section per feature (a three-step quick start, what each setting does,
 * where the data lives, the guide to read), opened on the section of the sidebar it came from — the
 * boot's section in Sheets, the address's #section in the playground. At 300 px only the titles
 * show until one is opened.
 */
import type { HelpPart, HelpSection } from '../../core/help/sections';
import type { PageEnv } from '../page';
import { h } from '../dom';

/** The sections in page order (core/help/sections.ts HELP_SECTIONS; the sidebar imports the core only as types). */
export const SECTIONS = ['sop', 'gantt', 'calendar', 'metrics', 'today', 'review', 'remind', 'team', 'ics', 'print'] as const satisfies readonly HelpSection[];

function isSection(value: string): value is (typeof SECTIONS)[number] {
  return (SECTIONS as readonly string[]).includes(value);
}

export function mountHelpPage({ root, tr, boot }: PageEnv<'help'>): void {
  const text = (section: HelpSection, part: HelpPart): string => tr(`help.${section}.${part}`);
  /** A text with one point per line, as a list. */
  const list = (lines: string): HTMLElement => h('ul', { className: 'help-list' }, ...lines.split('\n').map((line) => h('li', {}, line)));

  const sections = SECTIONS.map((section) =>
    h(
      'details',
      { className: 'help-section', id: `help-${section}`, 'data-section': section },
      h('summary', {}, text(section, 'title')),
      h('h3', {}, tr('help.heading.quickStart')),
      h('ol', { className: 'help-steps' }, h('li', {}, text(section, 'step1')), h('li', {}, text(section, 'step2')), h('li', {}, text(section, 'step3'))),
      h('h3', {}, tr('help.heading.settings')),
      list(text(section, 'settings')),
      h('h3', {}, tr('help.heading.data')),
      list(text(section, 'data')),
      h('h3', {}, tr('help.heading.guide')),
      h('p', { className: 'hint' }, tr('help.guideWhere'), ' ', h('span', { className: 'help-guide' }, text(section, 'guide'))),
    ),
  );
  root.append(h('p', { className: 'hint help-intro' }, tr('help.intro')), ...sections);

  /** Opens a section (the others stay as they are) and brings it into view. */
  function open(name: string): void {
    if (!isSection(name)) return;
    const details = sections[SECTIONS.indexOf(name)];
    details.open = true;
    details.scrollIntoView({ block: 'start' });
  }
  open(boot.section ?? decodeURIComponent(window.location.hash.slice(1)));
  window.addEventListener('hashchange', () => open(decodeURIComponent(window.location.hash.slice(1))));
}
