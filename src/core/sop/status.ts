/** The status vocabulary of SOP rows (状态), as keys with labels in both languages. */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { normalizeHeader } from '../table/schema';

/**
 * `removed` is set by regeneration on rows whose template row is gone but that hold typed work; it is
 * in the dropdown too, so a strict dropdown accepts the rows regeneration marks.
 */
export const STATUSES = ['todo', 'doing', 'done', 'delayed', 'cancelled', 'removed'] as const;
export type Status = (typeof STATUSES)[number];

export function statusLabel(status: Status, lang: Lang): string {
  return t(lang, `sop.status.${status}`);
}

/** A status from its label in either language or its key; null for blank or unknown text. */
export function parseStatus(text: unknown): Status | null {
  const wanted = normalizeHeader(text);
  if (!wanted) return null;
  for (const status of STATUSES) {
    if (wanted === status.toLowerCase()) return status;
    for (const lang of ['zh-CN', 'en'] as Lang[]) if (normalizeHeader(statusLabel(status, lang)) === wanted) return status;
  }
  return null;
}
