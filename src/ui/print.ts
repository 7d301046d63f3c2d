/**
 * "打印 / 导出 PDF" under a feature's result, one link per tab it wrote, with how File → Print gives
 * the same; in Sheets only: the playground has no spreadsheet to export from (its .xlsx carries the
 * print setup itself). The link is asked for when clicked, so generating costs no call more.
 */
import type { MessageParams } from '../core/i18n';
import { clear, h } from './dom';
import { inSheets, server } from './rpc';

type PrintKey = 'print.link' | 'print.opening' | 'print.guidance' | 'print.blocked';

/** Fills `box` with the links for `tabs` (or empties it outside Sheets or without tabs). */
export function showPrintLinks(box: HTMLElement, tabs: string[], tr: (key: PrintKey, params?: MessageParams) => string): void {
  clear(box);
  if (!inSheets() || tabs.length === 0) return;
  for (const tab of tabs) {
    const line = h('div', {});
    const link = h('a', { href: '#', role: 'button' }, tr('print.link', { tab }));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      // Opened on the click itself: a window opened once the server has answered would be taken for a pop-up.
      const win = window.open('', '_blank');
      link.textContent = tr('print.opening');
      void server.printLink({ tab }).then(
        (printed) => {
          link.textContent = tr('print.link', { tab });
          if (!printed) {
            win?.close();
            return;
          }
          if (win) {
            win.location.href = printed.url;
            return;
          }
          clear(line);
          line.appendChild(h('a', { href: printed.url, target: '_blank', rel: 'noopener' }, tr('print.blocked')));
        },
        (error: unknown) => {
          win?.close();
          link.textContent = tr('print.link', { tab });
          line.appendChild(h('div', { className: 'error' }, error instanceof Error ? error.message : String(error)));
        },
      );
    });
    line.appendChild(link);
    box.appendChild(line);
  }
  box.appendChild(h('p', { className: 'hint' }, tr('print.guidance')));
}
