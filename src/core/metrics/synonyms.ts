/**
 * Header synonyms: which pasted column names mean which input, declared as the table schema of a
 * pasted metrics table. Matching ignores case, spaces, full-width forms and a trailing unit in
 * brackets ("观看时长(分钟)", "群人数（人）").
 */
import type { CellValue } from '../tab/spec';
import { columnNamed, type ColumnDef, type TableSchema } from '../table/schema';

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

/**
 * Besides the simplified headers, the traditional ones the seed articles use (群總人數, 實際到課人數,
 * 付費). Buyers are the people who paid: 付款/支付/购买人数 in 小鹅通 and 有赞 exports; 下单人数 is left
 * out on purpose — there it counts everyone who placed an order, paid or not, and sits next to 付款人数.
 */
export const COLUMN_SYNONYMS: Record<ColumnKey, readonly string[]> = {
  name: ['群名称', '群名', '社群', '社群名称', '活动', '活动名称', '名称', '群名稱', '社群名稱', 'name', 'group'],
  period: ['期次', '期数', '月份', '周期', '期數', 'period', 'cohort'],
  members: ['群人数', '群成员数', '群总人数', '成员数', '入群人数', '社群人数', '群人數', '群總人數', '群成員數', '社群人數', 'members'],
  attendees: ['到课人数', '到课', '直播到课', '实际到课', '参与人数', '观看人数', '到課人數', '到課', '實際到課', '參與人數', '觀看人數', 'attendees'],
  completed: ['完课人数', '完课', '完課人數', '完課', 'completed'],
  leads: ['意向', '意向人数', '意向表单', '表单提交', '意向人數', 'leads'],
  buyers: [
    '成单人数',
    '成交人数',
    '付费人数',
    '成单',
    '成单数',
    '成交单数',
    '订单数',
    '付款人数',
    '支付人数',
    '购买人数',
    '转化人数',
    '付费用户数',
    '付费学员数',
    '成單人數',
    '成交人數',
    '付費人數',
    '購買人數',
    '成單數',
    'buyers',
    'orders',
  ],
  price: ['客单价', '成交均价', '均价', '单价', '客單價', 'price'],
  revenue: ['收入', 'GMV', '成交金额', '销售额', '实付金额', '成交金額', '銷售額', 'revenue'],
  cost: ['投放成本', '成本', '投放花费', '花费', 'cost'],
  previousBuyers: ['上期付费人数', '上期成单人数', '上期付款人数', '上期购买人数'],
  repeatBuyers: ['复购人数'],
  refunds: ['退款人数', '退费人数', '退款人數'],
  activeMembers: ['活跃人数', '发言人数'],
  delivered: ['送达', '送达人数'],
  opened: ['打开', '打开人数'],
  joined: ['入群', '新增入群'],
  left: ['退群', '退群人数'],
};

/** Derived figures that end like an input but are not one (单客成本 is cost ÷ buyers, not a cost). */
const DERIVED_HEADERS = ['单客成本', '获客成本', '人均成本', '获客单价', '人均收入', '人均花费'];

const COLUMN_KEYS: readonly ColumnKey[] = ['name', 'period', ...INPUT_KEYS];

/**
 * A pasted table of counts, declared once: its header is the first row naming two known columns, one
 * of them a number column ("社群 活动" alone is a title); a header ending with a synonym names it too
 * (公开课到课 → attendees); the name and period columns hold text, so "周期(天)" is no period.
 */
export const METRICS_SCHEMA: TableSchema<ColumnKey> = {
  order: COLUMN_KEYS,
  required: [],
  header: { minColumns: 2, anyOf: INPUT_KEYS, units: true, suffixes: { except: DERIVED_HEADERS } },
  columns: Object.fromEntries(
    COLUMN_KEYS.map((key): [ColumnKey, ColumnDef] => [
      key,
      { header: `metrics.input.${key}`, synonyms: COLUMN_SYNONYMS[key], holdsText: key === 'name' || key === 'period' },
    ]),
  ) as Record<ColumnKey, ColumnDef>,
};

/** The column key a pasted header names (exact synonym first, then a synonym it ends with). */
export function columnKeyOf(header: CellValue | undefined): ColumnKey | null {
  return columnNamed(METRICS_SCHEMA, header);
}

/** Inputs whose values are money, not counts of people. */
export const MONEY_INPUTS: readonly InputKey[] = ['price', 'revenue', 'cost'];
