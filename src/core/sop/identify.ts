/**
 * Reading an SOP tab back for what it was made from: which template and which anchor date (so the
 * sidebar can offer to regenerate it), and turning its rows into a template of their own ("Save as
 * template" from a tab people have edited). Both work from the row IDs and dates alone: the note in
 * the first cell is for people, while the IDs survive whatever they do to it.
 */
import { formatTimeOfDay, parseDate, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
import type { CellValue } from '../tab/spec';
import type { Person, Role } from '../team/team';
import { cellText, findSopHeader, sopTableRows, type SopCells } from './columns';
import { PLACEHOLDER_NAMES } from './placeholders';
import { parseStatus } from './status';
import { parseChannel, rowIds, type SopTemplate, type TemplateRow } from './template';

export interface SopTabIdentity {
  /** The template most of the tab's row IDs come from; null when none matches. */
  template: SopTemplate | null;
  /** The anchor date most matched rows agree on (date − day offset); null when no matched row has a date. */
  anchor: DaySerial | null;
  /** Rows whose ID belongs to the template. */
  matched: number;
}

/** The table rows of an SOP tab with at least one cell filled, by column; [] without an SOP header. */
function sopRows(grid: CellValue[][]): SopCells[] {
  const header = findSopHeader(grid);
  return header ? sopTableRows(grid, header) : [];
}

/** Template row by the ID it generates. */
function rowsById(template: SopTemplate): Map<string, TemplateRow> {
  const ids = rowIds(template);
  const byId = new Map<string, TemplateRow>();
  for (const row of template.rows) {
    const id = ids.get(row.rowKey);
    if (id && !byId.has(id)) byId.set(id, row);
  }
  return byId;
}

/**
 * The template (among `templates`, earlier ones winning ties) whose IDs most rows carry, and the
 * anchor date most of those rows imply.
 */
export function identifySopTab(grid: CellValue[][], templates: SopTemplate[]): SopTabIdentity {
  return identifySopRows(sopRows(grid), templates);
}

/** identifySopTab over rows already read (only their ID and date count). */
export function identifySopRows(rows: ReadonlyArray<Pick<SopCells, 'id' | 'date'>>, templates: SopTemplate[]): SopTabIdentity {
  let best: SopTabIdentity = { template: null, anchor: null, matched: 0 };
  for (const template of templates) {
    const byId = rowsById(template);
    const votes = new Map<DaySerial, number>();
    let matched = 0;
    for (const row of rows) {
      const templateRow = byId.get(cellText(row.id));
      if (!templateRow) continue;
      matched++;
      const date = parseDate(row.date ?? null);
      if (date !== null) votes.set(date - templateRow.dayOffset, (votes.get(date - templateRow.dayOffset) ?? 0) + 1);
    }
    if (matched <= best.matched) continue;
    let anchor: DaySerial | null = null;
    let most = 0;
    for (const [candidate, count] of votes) {
      if (count > most || (count === most && anchor !== null && candidate < anchor)) [anchor, most] = [candidate, count];
    }
    best = { template, anchor, matched };
  }
  return best;
}

export interface TemplateFromTabOptions {
  id: string;
  name: string;
  /** The template's ID prefix: the base template's, so rows keep their IDs when generated from the copy. */
  code: string;
  /** Day 0 of the new template. */
  anchor: DaySerial;
  /** The template the tab was generated from, for the roles and row keys of its rows; null when unknown. */
  base: SopTemplate | null;
  /** For the role of a row the base does not know: its owner's role on the team. */
  team: Person[];
  /** The group and cohort the tab was made for: their names in the texts become {群名} / {期次} again. */
  group: string;
  cohort: string;
  lang: Lang;
}

const MAX_OFFSET = 366;

/**
 * The rows of an SOP tab as a template: each dated row becomes an action at (date − anchor) days,
 * keeping its time, phase, channel and texts. Rows marked 已移除 or without a date are left out, as
 * are rows further than a year from the anchor (a template tab could not hold them).
 */
export function templateFromSopTab(grid: CellValue[][], options: TemplateFromTabOptions): SopTemplate {
  const { base, team, lang } = options;
  const byId = base ? rowsById(base) : new Map<string, TemplateRow>();
  const [groupName, cohortName] = PLACEHOLDER_NAMES[lang];
  const generalize = (value: string): string => {
    let out = value;
    if (options.group.length >= 2) out = out.split(options.group).join(`{${groupName}}`);
    if (options.cohort.length >= 2) out = out.split(options.cohort).join(`{${cohortName}}`);
    return out;
  };

  const rows: TemplateRow[] = [];
  const usedKeys = new Set<string>();
  for (const cells of sopRows(grid)) {
    const date = parseDate(cells.date ?? null);
    if (date === null || parseStatus(cellText(cells.status)) === 'removed') continue;
    const dayOffset = date - options.anchor;
    const item = cellText(cells.item);
    if (Math.abs(dayOffset) > MAX_OFFSET || !item) continue;
    const from = byId.get(cellText(cells.id));
    const ownerRole = team.find((person) => person.name === cellText(cells.owner))?.role;
    const role: Role = from?.role ?? ownerRole ?? 'other';
    const time =
      typeof cells.time === 'number' && cells.time >= 0 && cells.time < 1
        ? formatTimeOfDay(cells.time)
        : /^\d{1,2}:\d{2}$/.test(cellText(cells.time))
          ? cellText(cells.time)
          : '';
    let rowKey = from && !usedKeys.has(from.rowKey) ? from.rowKey : `d${dayOffset}-${item}`;
    for (let n = 2; usedKeys.has(rowKey); n++) rowKey = `d${dayOffset}-${item}#${n}`;
    usedKeys.add(rowKey);
    rows.push({
      rowKey,
      dayOffset,
      time,
      phase: cellText(cells.phase),
      channel: parseChannel(cells.channel) ?? from?.channel ?? 'group',
      item: generalize(item),
      detail: generalize(cellText(cells.detail)),
      script: generalize(cellText(cells.script)),
      materials: generalize(cellText(cells.materials)),
      role,
    });
  }
  const phases: string[] = [];
  for (const phase of [...(base?.phases ?? []), ...rows.map((row) => row.phase)]) {
    if (phase && !phases.includes(phase) && rows.some((row) => row.phase === phase)) phases.push(phase);
  }
  return { id: options.id, name: options.name, code: options.code, anchorKind: base?.anchorKind ?? 'campStart', phases, rows };
}
