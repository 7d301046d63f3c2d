/**
 * Header synonyms: which pasted column names mean which input. Matching ignores case, spaces,
 * full-width forms and a trailing unit in brackets ("观看时长(分钟)", "群人数（人）").
 */
import { toHalfWidth } from '../dates';

/** Numeric inputs of a metrics row, in the order the metrics tab shows them. */
export const INPUT_KEYS = [
  'members',
  'attendees',
  'completed',
  'leads',
  'buyers',
  'price',
  'revenue',
  'cost',
  'previousBuyers',
  'repeatBuyers',
  'refunds',
  'activeMembers',
  'delivered',
  'opened',
  'joined',
  'left',
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

/** Columns of a pasted metrics table: the row's name, its period, and the numeric inputs. */
export type ColumnKey = 'name' | 'period' | InputKey;

export const COLUMN_SYNONYMS: Record<ColumnKey, readonly string[]> = {
  name: ['群名称', '群名', '社群', '社群名称', '活动', '活动名称', '名称', 'name', 'group'],
  period: ['期次', '期数', '月份', '周期', 'period', 'cohort'],
  members: ['群人数', '群成员数', '群总人数', '成员数', '入群人数', '社群人数', 'members'],
  attendees: ['到课人数', '到课', '直播到课', '实际到课', '参与人数', '观看人数', 'attendees'],
  completed: ['完课人数', '完课', 'completed'],
  leads: ['意向', '意向人数', '意向表单', '表单提交', 'leads'],
  buyers: ['成单人数', '成交人数', '付费人数', '成单', '成交单数', '订单数', 'buyers', 'orders'],
  price: ['客单价', '成交均价', '均价', '单价', 'price'],
  revenue: ['收入', 'GMV', '成交金额', '销售额', '实付金额', 'revenue'],
  cost: ['投放成本', '成本', '投放花费', '花费', 'cost'],
  previousBuyers: ['上期付费人数'],
  repeatBuyers: ['复购人数'],
  refunds: ['退款人数'],
  activeMembers: ['活跃人数', '发言人数'],
  delivered: ['送达', '送达人数'],
  opened: ['打开', '打开人数'],
  joined: ['入群', '新增入群'],
  left: ['退群', '退群人数'],
};

export interface NormalizedHeader {
  text: string; // lower-case, half-width, without spaces or the trailing unit
  unit: string | null; // the bracketed unit that was removed, e.g. "分钟"
}

const TRAILING_UNIT = /[(\[【]([^()[\]【】]*)[)\]】]$/;

/** Header text reduced to what synonyms are compared with. */
export function normalizeHeader(value: unknown): NormalizedHeader {
  if (value === null || value === undefined) return { text: '', unit: null };
  let text = toHalfWidth(String(value))
    .toLowerCase()
    .replace(/[\s_\-*:]+/g, '');
  let unit: string | null = null;
  const m = TRAILING_UNIT.exec(text);
  if (m && m.index > 0) {
    unit = m[1];
    text = text.slice(0, m.index);
  }
  return { text, unit };
}

/**
 * A synonym table compiled for lookups: exact matches first, then "ends with a synonym"
 * (公开课到课 → attendees) for the headers no exact synonym claims.
 */
export interface SynonymIndex<K extends string> {
  exact: Map<string, K>;
  suffixes: Array<{ text: string; key: K }>; // longest first
}

export function buildSynonymIndex<K extends string>(table: Record<K, readonly string[]>): SynonymIndex<K> {
  const exact = new Map<string, K>();
  const suffixes: Array<{ text: string; key: K }> = [];
  for (const key of Object.keys(table) as K[]) {
    for (const synonym of table[key]) {
      const text = normalizeHeader(synonym).text;
      if (!exact.has(text)) exact.set(text, key);
      suffixes.push({ text, key });
    }
  }
  suffixes.sort((a, b) => b.text.length - a.text.length);
  return { exact, suffixes };
}

export type MatchKind = 'exact' | 'suffix';

/** A negated header ("未打开") is not the thing it ends with. */
const NEGATED_PREFIX = /(未|不|非|没|无|un|non)$/;
/** Derived figures that end like an input but are not one (单客成本 is cost ÷ buyers, not a cost). */
const DERIVED_HEADERS = new Set(['单客成本', '获客成本', '人均成本', '获客单价', '人均收入', '人均花费']);

/** The key a header names, or null. `textKeys` never carry units: "周期(天)" is a duration, not a period. */
export function matchHeader<K extends string>(
  index: SynonymIndex<K>,
  header: unknown,
  kind: MatchKind,
  textKeys: readonly K[] = [],
): K | null {
  const { text, unit } = normalizeHeader(header);
  if (!text) return null;
  let key: K | null = null;
  if (kind === 'exact') key = index.exact.get(text) ?? null;
  else if (!DERIVED_HEADERS.has(text)) {
    for (const candidate of index.suffixes) {
      if (text.length > candidate.text.length && text.endsWith(candidate.text)) {
        if (!NEGATED_PREFIX.test(text.slice(0, text.length - candidate.text.length))) key = candidate.key;
        break;
      }
    }
  }
  if (key !== null && unit !== null && textKeys.includes(key)) return null;
  return key;
}

export const COLUMN_INDEX = buildSynonymIndex(COLUMN_SYNONYMS);
export const TEXT_COLUMNS: readonly ColumnKey[] = ['name', 'period'];

/** The column key a pasted header names (exact synonym first, then a synonym it ends with). */
export function columnKeyOf(header: unknown): ColumnKey | null {
  return matchHeader(COLUMN_INDEX, header, 'exact', TEXT_COLUMNS) ?? matchHeader(COLUMN_INDEX, header, 'suffix', TEXT_COLUMNS);
}

/** Inputs whose values are money, not counts of people. */
export const MONEY_INPUTS: readonly InputKey[] = ['price', 'revenue', 'cost'];
