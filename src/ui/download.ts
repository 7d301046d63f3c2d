/**
 * Saves text the server made as a file on the user's computer: a Blob behind an object URL, clicked
 * through an <a download>. It works in Apps Script's sandboxed sidebar frame and in the playground,
 * where navigating to a data: URL or opening a window would be blocked.
 */
import { h } from './dom';

/** Long enough for the browser to have read the Blob after the click, which returns before the download starts. */
const REVOKE_AFTER_MS = 60_000;

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: filename, style: 'display:none' });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** The media type of an iCalendar file (RFC 5545 §8.1), in UTF-8 as the server wrote it. */
export const ICS_TYPE = 'text/calendar;charset=utf-8';
