/**
 * The JSON the CLI prints: `sop --json` (one generated or merged schedule) and `templates --json`
 * (the built-in templates). Texts are as the tab shows them in the chosen language; the role, which
 * the tab does not show, is its stable key (operator, advisor …).
 */
import { toIso, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
import type { Role } from '../team/team';
import type { SopRow } from './generate';
import { anchorLabel, templateSpan, type AnchorKind, type SopTemplate } from './template';
import { builtInTemplates } from './templates';

export interface SopJsonRow {
  id: string;
  /** "YYYY-MM-DD", or "" for a row without a date (one added by hand). */
  date: string;
  time: string;
  phase: string;
  channel: string;
  item: string;
  detail: string;
  script: string;
  materials: string;
  role: Role | '';
  owner: string;
  status: string;
}

export interface SopJson {
  template: string;
  anchor: string;
  rows: SopJsonRow[];
}

export function sopToJson(template: Pick<SopTemplate, 'id'>, anchor: DaySerial, rows: SopRow[]): SopJson {
  return {
    template: template.id,
    anchor: toIso(anchor),
    rows: rows.map((row) => ({
      id: row.id,
      date: row.date === null ? '' : toIso(row.date),
      time: row.time,
      phase: row.phase,
      channel: row.channel,
      item: row.item,
      detail: row.detail,
      script: row.script,
      materials: row.materials,
      role: row.role ?? '',
      owner: row.owner,
      status: row.status,
    })),
  };
}

export interface TemplateListing {
  id: string;
  name: string;
  anchorKind: AnchorKind;
  /** 开营日 / camp start … */
  anchorLabel: string;
  /** First and last day offsets from the anchor date, and the number of days in between (both included). */
  span: { first: number; last: number; days: number };
  rows: number;
  phases: string[];
}

export function describeTemplate(template: SopTemplate, lang: Lang): TemplateListing {
  const { first, last } = templateSpan(template);
  return {
    id: template.id,
    name: template.name,
    anchorKind: template.anchorKind,
    anchorLabel: anchorLabel(template.anchorKind, lang),
    span: { first, last, days: last - first + 1 },
    rows: template.rows.length,
    phases: template.phases,
  };
}

/** `templates --json`: the built-in templates with their ids, names and spans. */
export function listTemplates(lang: Lang): TemplateListing[] {
  return builtInTemplates(lang).map((template) => describeTemplate(template, lang));
}
