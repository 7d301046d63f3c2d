/**
 * Markers: how the add-on recognises the tabs it generated, whatever they are named now.
 *
 * A marker names the kind of tab and its identity within the kind as named fields ({group, cohort}
 * for an SOP tab, {} for the Team tab). The fields are kept as a structure and compared field by
 * field, never joined into one string, so that no choice of names can make two tabs collide
 * (a group "Java|Python群" with cohort "12期" and a group "Java" with cohort "Python群|12期" are
 * different tabs). Sheets keeps the marker in the tab's developer metadata and an .xlsx in a hidden
 * sheet; both store it with `encodeMarker` and read it with `decodeMarker`.
 */

/**
 * Every kind of tab the add-on generates, with the fields of its identity: an SOP tab is one group's
 * cohort, a Gantt tab the chart of one plan tab, a calendar tab one month or quarter ("2026-12",
 * "2026-Q4"), a metrics tab the numbers of one source tab; there is one Team tab. A self-test tab is
 * one of the inputs the self-test writes (and deletes) in the user's spreadsheet.
 */
const KEY_FIELDS = {
  team: [],
  sop: ['group', 'cohort'],
  'sop-template': ['template'],
  plan: ['number'],
  gantt: ['plan'],
  activities: ['list'],
  calendar: ['months'],
  metrics: ['source'],
  selftest: ['part'],
  // The Today board gathers every SOP and plan tab; there is one per spreadsheet.
  today: [],
  // The log of reminders sent (提醒记录): one per spreadsheet.
  'reminder-log': [],
  // The review (复盘) of the SOP tabs generated from one template.
  review: ['template'],
} as const satisfies Record<string, readonly string[]>;

export type MarkedKind = keyof typeof KEY_FIELDS;
export const MARKED_KINDS = Object.keys(KEY_FIELDS) as MarkedKind[];
/** 'plain' describes a tab the add-on did not generate and is never stored. */
export type TabKind = 'plain' | MarkedKind;

/** The identity of a tab within its kind, as named text fields. */
export type MarkerKey = Readonly<Record<string, string>>;

/** The identity of a tab of one kind, field by field. */
export type MarkerKeyOf<K extends MarkedKind> = { readonly [F in (typeof KEY_FIELDS)[K][number]]: string };

/** The marker of a generated tab of that kind and identity (the only way generators build one). */
export function markerOf<K extends MarkedKind>(kind: K, key: MarkerKeyOf<K>): TabMarker {
  return { kind, key: { ...key } };
}

/**
 * A marker's identity read as its kind's fields, a field it lacks read as ''; null when there is no
 * marker or it is of another kind. Use cases read keys with this, never by string manipulation.
 */
export function markerKeyOf<K extends MarkedKind>(marker: Pick<TabMarker, 'kind' | 'key'> | null | undefined, kind: K): MarkerKeyOf<K> | null {
  if (!marker || marker.kind !== kind) return null;
  const key: Record<string, string> = {};
  for (const field of KEY_FIELDS[kind]) key[field] = marker.key[field] ?? '';
  return key as MarkerKeyOf<K>;
}

/** What the add-on remembers about the last version of a tab it wrote (not part of its identity). */
export interface MarkerMemo {
  /** The rectangles of add-on cells outside its row table (summary blocks, calendar grids): [row, col, rows, cols]. */
  blocks?: Array<[number, number, number, number]>;
  /** A fingerprint of each row of each block as written, to tell whether someone edited inside it. */
  blockRows?: string[];
  /** Fingerprints of the conditional-format rules the add-on wrote, to replace them and keep the user's. */
  rules?: string[];
  /** The notes the add-on wrote inside its blocks: [block, row in block, column in block, fingerprint of the note]. */
  notes?: Array<[number, number, number, string]>;
  /** Fingerprints of the notes the add-on wrote on its table's header cells, by column key. */
  headerNotes?: Record<string, string>;
  /** Fingerprints of the table's header cells as the add-on wrote them, by column key (to notice one typed over). */
  headerCells?: Record<string, string>;
  /** What the add-on set on the sheet itself, beyond its cells (absent on a tab written before this was kept). */
  drawn?: DrawnMemo;
}

/**
 * The sheet-wide things the add-on set when it last wrote a tab: an update sets them again only when
 * they change, and looks for merges and charts of its own only where it made some.
 */
export interface DrawnMemo {
  frozenRows: number;
  frozenColumns: number;
  /** '' for none. */
  tabColor: string;
  /** The cells it merged: [row, col, rows, cols]. */
  merges: Array<[number, number, number, number]>;
  /** Whether it inserted charts. */
  charts: boolean;
}

/** Identifies a generated tab so that regenerating finds it again whatever its name became. */
export interface TabMarker {
  kind: TabKind;
  key: MarkerKey;
  memo?: MarkerMemo;
  /**
   * What the tab was made from, beyond its identity (an SOP tab: its template and anchor), so that a
   * sidebar can say it without reading the tab. Not part of the identity: sameMarker ignores it.
   */
  about?: MarkerKey;
}

export function isMarkedKind(kind: unknown): kind is MarkedKind {
  return typeof kind === 'string' && (MARKED_KINDS as readonly string[]).includes(kind);
}

/** Whether two markers name the same tab: same kind and the same fields with the same values. */
export function sameMarker(a: Pick<TabMarker, 'kind' | 'key'>, b: Pick<TabMarker, 'kind' | 'key'>): boolean {
  return a.kind === b.kind && sameKey(a.key, b.key);
}

export function sameKey(a: MarkerKey, b: MarkerKey): boolean {
  const fields = Object.keys(a);
  if (fields.length !== Object.keys(b).length) return false;
  return fields.every((field) => Object.prototype.hasOwnProperty.call(b, field) && a[field] === b[field]);
}

/** The marker as stored: JSON with the key's fields in a fixed order. */
export function encodeMarker(marker: TabMarker): string {
  const key: Record<string, string> = {};
  for (const field of Object.keys(marker.key).sort()) key[field] = marker.key[field];
  const stored: { kind: TabKind; key: MarkerKey; about?: MarkerKey; memo?: MarkerMemo } = { kind: marker.kind, key };
  if (marker.about) stored.about = marker.about;
  if (marker.memo) stored.memo = marker.memo;
  return JSON.stringify(stored);
}

/** A stored marker, or null when the text is not one. Markers written before keys were structured are read too. */
export function decodeMarker(text: string | null | undefined): TabMarker | null {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { kind, key, memo, about } = parsed as { kind?: unknown; key?: unknown; memo?: unknown; about?: unknown };
  if (!isMarkedKind(kind)) return null;
  const structured = typeof key === 'string' ? legacyKey(kind, key) : readKey(key);
  if (!structured) return null;
  const marker: TabMarker = { kind, key: structured };
  const readMemo = readMarkerMemo(memo);
  if (readMemo) marker.memo = readMemo;
  const readAbout = about === undefined ? null : readKey(about);
  if (readAbout) marker.about = readAbout;
  return marker;
}

/** A key from its stored form: an object of text fields, or the text of an older marker. */
export function markerKeyFromStored(kind: MarkedKind, stored: string): MarkerKey | null {
  const trimmed = stored.trim();
  if (trimmed.startsWith('{')) {
    try {
      const key = readKey(JSON.parse(trimmed));
      if (key) return key;
    } catch {
      // Not JSON: an older key that happens to start with a brace.
    }
  }
  return legacyKey(kind, stored);
}

function readKey(value: unknown): MarkerKey | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const key: Record<string, string> = {};
  for (const [field, text] of Object.entries(value as Record<string, unknown>)) {
    if (typeof text !== 'string') return null;
    key[field] = text;
  }
  return key;
}

function readMarkerMemo(value: unknown): MarkerMemo | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const source = value as Record<string, unknown>;
  const memo: MarkerMemo = {};
  const isRect = (r: unknown): r is [number, number, number, number] => Array.isArray(r) && r.length === 4 && r.every((n) => Number.isInteger(n) && n >= 0);
  if (Array.isArray(source.blocks) && source.blocks.every(isRect)) memo.blocks = source.blocks;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (strings(source.blockRows)) memo.blockRows = source.blockRows;
  if (strings(source.rules)) memo.rules = source.rules;
  const isNoteAt = (n: unknown): n is [number, number, number, string] =>
    Array.isArray(n) && n.length === 4 && n.slice(0, 3).every((x) => Number.isInteger(x) && x >= 0) && typeof n[3] === 'string';
  if (Array.isArray(source.notes) && source.notes.every(isNoteAt)) memo.notes = source.notes;
  const headerNotes = readKey(source.headerNotes);
  if (headerNotes) memo.headerNotes = { ...headerNotes };
  const headerCells = readKey(source.headerCells);
  if (headerCells) memo.headerCells = { ...headerCells };
  const drawn = readDrawn(source.drawn);
  if (drawn) memo.drawn = drawn;
  return memo;
}

function readDrawn(value: unknown): DrawnMemo | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { frozenRows, frozenColumns, tabColor, merges, charts } = value as Record<string, unknown>;
  const count = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  const isRect = (r: unknown): r is [number, number, number, number] => Array.isArray(r) && r.length === 4 && r.every(count);
  if (!count(frozenRows) || !count(frozenColumns) || typeof tabColor !== 'string' || typeof charts !== 'boolean') return null;
  if (!Array.isArray(merges) || !merges.every(isRect)) return null;
  return { frozenRows, frozenColumns, tabColor, merges, charts };
}

/**
 * Keys as markers stored them before they were structured: one string per kind, the value of its one
 * field. An SOP tab's was "group|cohort"; it is split at its last bar, as the sidebar always read it.
 */
function legacyKey(kind: MarkedKind, text: string): MarkerKey {
  if (kind === 'sop') {
    const bar = text.lastIndexOf('|');
    return bar < 0 ? { group: text, cohort: '' } : { group: text.slice(0, bar), cohort: text.slice(bar + 1) };
  }
  const fields: readonly string[] = KEY_FIELDS[kind];
  return fields.length === 0 ? {} : { [fields[0]]: text };
}

/**
 * A list a marker keeps in its `about` as JSON text (an SOP tab's group pushes, the board's sources);
 * null when there is none (a marker written by an earlier version) or the text is not a JSON list.
 */
export function aboutList(text: string | undefined): unknown[] | null {
  if (text === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
