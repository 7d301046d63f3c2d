/** The built-in SOP templates, in the order the picker lists them. */
import { AppError } from '../../errors';
import type { Lang } from '../../i18n';
import type { SopTemplate } from '../template';
import { bigClass28d } from './big-class-28d';
import { camp3d } from './camp-3d';
import { conversion7d } from './conversion-7d';
import { localize, type BuiltInTemplate } from './define';
import { liveClass } from './live-class';
import { momentsDaily } from './moments-daily';
import { promoFlash } from './promo-flash';
import { retentionMonthly } from './retention-monthly';

export type { BuiltInTemplate } from './define';

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [conversion7d, bigClass28d, camp3d, liveClass, promoFlash, momentsDaily, retentionMonthly];

export function builtInTemplateIds(): string[] {
  return BUILT_IN_TEMPLATES.map((b) => b.id);
}

/** A built-in template in one language; AppError 'sop.error.unknownTemplate' for an unknown id. */
export function builtInTemplate(id: string, lang: Lang): SopTemplate {
  const found = BUILT_IN_TEMPLATES.find((b) => b.id === id);
  if (!found) throw new AppError({ code: 'sop.error.unknownTemplate', params: { id } });
  return localize(found, lang);
}

export function builtInTemplates(lang: Lang): SopTemplate[] {
  return BUILT_IN_TEMPLATES.map((b) => localize(b, lang));
}
