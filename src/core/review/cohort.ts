/**
 * Cohort names as teams write them: 第12期, 12期, 2026-12, "12". An SOP tab's marker and a metrics row
 * may name the same cohort differently. Equal labels (cohortTextKey) match; labels with the same key — the
 * last whole number in the name (第12期 → 12, 2026-12 → 12), or, without a number, the name itself
 * without case or spaces — are a pair the user confirms once before it is compared.
 */
import { toHalfWidth } from '../dates';

export function cohortKey(label: string): string {
  const text = toHalfWidth(label).trim();
  const numbers = text.match(/\d+/g);
  if (numbers) return String(Number(numbers[numbers.length - 1]));
  return text.toLowerCase().replace(/\s+/g, '');
}

/** The number a cohort key orders by; null for a key without one (those keep their order of appearance). */
export function cohortOrder(key: string): number | null {
  return /^\d+$/.test(key) ? Number(key) : null;
}

/** A group's name as compared: without case or surrounding spaces. */
export function groupKey(name: string): string {
  return toHalfWidth(name).trim().toLowerCase();
}

/**
 * A cohort label as written, compared without width, case or spaces: two labels with the same text key
 * are the same cohort without asking; the same cohortKey but a different text key needs the user's word.
 */
export function cohortTextKey(label: string): string {
  return toHalfWidth(label).toLowerCase().replace(/\s+/g, '');
}
