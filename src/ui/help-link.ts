/**
 * The "帮助 / Help" link at the bottom of every sidebar page: it opens the help page on the page's own
 * section. In Sheets the server shows the help sidebar in place of this one; the playground's
 * sidebars live in its page, so there the server answers that it shows none and this frame opens the
 * help page itself, on the same section (#section).
 */
import type { HelpSection } from '../core/help/sections';
import { h } from './dom';
import { ApiError, inSheets, server } from './rpc';

/** The help page's address in the playground (its frame serves sidebars at sidebar?page=…). */
export function helpPageUrl(section: HelpSection): string {
  return `sidebar?page=help#${section}`;
}

export function helpLink(label: string, section: HelpSection): HTMLElement {
  const problem = h('span', { className: 'error', role: 'status' });
  const link = h('a', { href: inSheets() ? '#' : helpPageUrl(section), id: 'help-link', className: 'help-link', 'data-section': section }, label);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    problem.textContent = '';
    void server.showHelpSidebar({ section }).then(
      (result) => {
        if (!result.shown) window.location.href = helpPageUrl(section);
      },
      (error: unknown) => {
        // The playground can still open the page without the server; Sheets says what went wrong.
        if (!inSheets()) window.location.href = helpPageUrl(section);
        else problem.textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      },
    );
  });
  return h('p', { className: 'help-footer' }, link, problem);
}
