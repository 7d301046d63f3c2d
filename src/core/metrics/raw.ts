/**
 * Raw mode: metrics from lists instead of counts — members (group, name, member ID, join time),
 * attendance (member ID, minutes; several rows per person add up) and orders (order ID, member ID,
 * product, amount, time, status). Counts are of distinct IDs; a person in two groups counts in each
 * group but once in the total (去重后的真实流量). Attendees and buyers who are not members are
 * reported, not counted.
 */
import { AppError, type Problem } from '../errors';
import type { MessageKey } from '../i18n';
import type { CellValue } from '../tab/spec';
import type { TableSchema } from '../table/schema';
import { isBlankRow, readColumns, type ColumnMap } from './columns';
import { computeRow, emptyInputs, type MetricInputs } from './definitions';
import { isMissingCell, readNumberValue } from './numbers';
import { isTotalLabel, NUMBER_PROBLEM_CODES } from './parse';
import { rowText, type MetricsReport, type RawListKind, type Warning } from './report';
import type { MetricsResult, MetricsRow } from './result';
import type { InputKey } from './synonyms';

export type MemberField = 'group' | 'name' | 'memberId' | 'joinTime';
export type AttendanceField = 'memberId' | 'name' | 'minutes';
export type OrderField = 'orderId' | 'memberId' | 'product' | 'amount' | 'time' | 'status';

const MEMBER_ID = ['微信号', '微信id', '成员id', '用户id', '会员id', 'memberid', 'userid', 'id', 'wxid', 'qq号', 'qq', 'unionid', 'openid', 'uid'];
const PERSON_NAME = ['群昵称', '昵称', '姓名', '名字', '用户名', '成员', 'name', 'nickname'];

export const RAW_SYNONYMS = {
  members: {
    group: ['群名称', '群名', '社群', '社群名称', '所在群', '群聊', 'group', 'groupname'],
    name: PERSON_NAME,
    memberId: MEMBER_ID,
    joinTime: ['入群时间', '加入时间', '进群时间', 'jointime', 'joinedat', 'joined'],
  },
  attendance: {
    memberId: MEMBER_ID,
    name: PERSON_NAME,
    minutes: ['观看时长', '时长', '直播观看时长', '观看分钟', '学习时长', '在线时长', 'minutes', 'duration', 'watchminutes'],
  },
  orders: {
    orderId: ['订单号', '订单编号', '订单id', 'orderid', 'orderno', 'order'],
    memberId: MEMBER_ID,
    product: ['商品', '商品名称', '课程', '课程名称', '产品', 'product', 'item'],
    amount: ['实付金额', '金额', '支付金额', '订单金额', '实收金额', 'amount', 'paid'],
    time: ['支付时间', '下单时间', '时间', '付款时间', 'time', 'paidat'],
    status: ['订单状态', '状态', '支付状态', 'status'],
  },
} as const satisfies {
  members: Record<MemberField, readonly string[]>;
  attendance: Record<AttendanceField, readonly string[]>;
  orders: Record<OrderField, readonly string[]>;
};

/** A raw list's table: a header names every column the list cannot be counted without. */
function listSchema<K extends string>(synonyms: Record<K, readonly string[]>, required: readonly K[]): TableSchema<K> {
  const order = Object.keys(synonyms) as K[];
  const columns = {} as Record<K, { header: MessageKey; synonyms: readonly string[] }>;
  for (const key of order) columns[key] = { header: `metrics.raw.field.${key}` as MessageKey, synonyms: synonyms[key] };
  return { order, required, columns, header: { units: true } };
}

const MEMBER_SCHEMA = listSchema<MemberField>(RAW_SYNONYMS.members, ['group', 'memberId']);
const ATTENDANCE_SCHEMA = listSchema<AttendanceField>(RAW_SYNONYMS.attendance, ['memberId', 'minutes']);
const ORDER_SCHEMA = listSchema<OrderField>(RAW_SYNONYMS.orders, ['memberId', 'amount']);

export type OrderStatus = 'paid' | 'refunded' | 'unpaid' | 'unknown';

/** 已退款 / 退款中 / refunded → refunded; 已取消 / 未支付 / closed → unpaid; blank or 已支付 → paid. */
export function orderStatus(cell: CellValue | undefined): OrderStatus {
  if (isMissingCell(cell ?? null)) return 'paid';
  const text = String(cell).trim().toLowerCase();
  if (/退款|退费|refund/.test(text)) return 'refunded';
  if (/未支付|待支付|未付款|待付款|取消|关闭|失败|cancel|closed|unpaid|pending|failed/.test(text)) return 'unpaid';
  if (/支付|付款|完成|成功|paid|complete|success/.test(text)) return 'paid';
  return 'unknown';
}

export interface RawLists {
  members: readonly (readonly CellValue[])[];
  attendance?: readonly (readonly CellValue[])[] | null;
  orders?: readonly (readonly CellValue[])[] | null;
}

export interface RawOptions {
  /** Class length in minutes and the share of it that counts as 完课 (settings; defaults 90 and 0.8). */
  classMinutes?: number;
  completionShare?: number;
  /** The metrics tab's source key. */
  source?: string;
  /** Tab or file name of each list, named in errors. */
  tabs?: Partial<Record<RawListKind, string>>;
}

export const DEFAULT_CLASS_MINUTES = 90;
export const DEFAULT_COMPLETION_SHARE = 0.8;
const IDS_SHOWN = 10;

const NO_HEADER: Record<RawListKind, MessageKey> = {
  members: 'metrics.raw.error.noHeader.members',
  attendance: 'metrics.raw.error.noHeader.attendance',
  orders: 'metrics.raw.error.noHeader.orders',
};
const UNREADABLE: Record<RawListKind, MessageKey> = {
  members: 'metrics.raw.error.unreadable.members',
  attendance: 'metrics.raw.error.unreadable.attendance',
  orders: 'metrics.raw.error.unreadable.orders',
};

/** One list read row by row, its problems collected per list. */
class ListReader<K extends string> {
  readonly columns: ColumnMap<K>;
  readonly headerIndex: number;
  readonly problems: Problem[] = [];

  constructor(
    readonly list: RawListKind,
    readonly grid: readonly (readonly CellValue[])[],
    schema: TableSchema<K>,
    readonly report: MetricsReport,
    readonly tab: string | undefined,
  ) {
    const columns = readColumns(grid, schema);
    if (!columns) throw new AppError({ code: NO_HEADER[list], location: { tab } });
    this.columns = columns;
    this.headerIndex = columns.headerRow;
    for (const m of this.columns.matches) report.mapping.push({ list, column: m.column, header: m.header, field: m.key });
    for (const extra of this.columns.extras) report.extraColumns.push({ list, ...extra });
    for (let r = 0; r < this.headerIndex; r++) {
      if (!isBlankRow(grid[r])) report.skipped.push({ list, row: r + 1, reason: 'title', text: rowText(grid[r]) });
    }
  }

  /** Calls fn for each data row (blank and 合计 rows skipped) with a cell reader. */
  forEachRow(fn: (cell: (field: K) => CellValue, row: number) => void): void {
    for (let r = this.headerIndex + 1; r < this.grid.length; r++) {
      const cells = this.grid[r] ?? [];
      if (isBlankRow(cells)) continue;
      if (isTotalLabel(cells.find((cell) => !isMissingCell(cell)))) {
        this.report.skipped.push({ list: this.list, row: r + 1, reason: 'total', text: rowText(cells) });
        continue;
      }
      fn((field) => {
        const column = this.columns.columnOf[field];
        return column === undefined ? null : cells[column] ?? null;
      }, r + 1);
    }
  }

  problem(code: MessageKey, row: number, field: K, value: CellValue): void {
    const column = this.columns.columnOf[field] as number;
    const columnName = this.columns.matches.find((m) => m.column === column)?.header;
    this.problems.push({ code, params: { value: String(value) }, location: { tab: this.tab, row, column, columnName } });
  }

  id(cell: CellValue, row: number, field: K): string | null {
    if (isMissingCell(cell)) {
      this.problem('metrics.raw.cell.missingId', row, field, cell);
      return null;
    }
    return String(cell).trim();
  }

  number(cell: CellValue, row: number, field: K): number | null {
    const read = readNumberValue(cell);
    if (typeof read !== 'string') return read;
    this.problem(NUMBER_PROBLEM_CODES[read], row, field, cell);
    return null;
  }

  summary(): Problem[] {
    if (this.problems.length === 0) return [];
    return [{ code: UNREADABLE[this.list], params: { count: this.problems.length }, location: { tab: this.tab } }, ...this.problems];
  }
}

function idList(ids: readonly string[]): string {
  return ids.length > IDS_SHOWN ? `${ids.slice(0, IDS_SHOWN).join(', ')} …` : ids.join(', ');
}

function checkOptions(classMinutes: number, share: number): void {
  if (!Number.isFinite(classMinutes) || classMinutes <= 0) {
    throw new AppError({ code: 'error.invalidSetting', params: { name: 'classMinutes', value: String(classMinutes) } });
  }
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new AppError({ code: 'error.invalidSetting', params: { name: 'completionShare', value: String(share) } });
  }
}

export function computeRawMetrics(lists: RawLists, options: RawOptions = {}): MetricsResult {
  const classMinutes = options.classMinutes ?? DEFAULT_CLASS_MINUTES;
  const share = options.completionShare ?? DEFAULT_COMPLETION_SHARE;
  checkOptions(classMinutes, share);
  const threshold = classMinutes * share;
  const report: MetricsReport = { mapping: [], skipped: [], extraColumns: [], warnings: [] };
  const warn = (warning: Warning): void => void report.warnings.push(warning);

  if (lists.members.every((row) => isBlankRow(row))) throw new AppError({ code: 'error.emptyInput', location: { tab: options.tabs?.members } });

  // Members: group → distinct IDs, in order of first appearance.
  const membersReader = new ListReader('members', lists.members, MEMBER_SCHEMA, report, options.tabs?.members);
  const groups = new Map<string, Set<string>>();
  const groupsOf = new Map<string, Set<string>>();
  membersReader.forEachRow((cell, row) => {
    const groupCell = cell('group');
    const id = membersReader.id(cell('memberId'), row, 'memberId');
    if (isMissingCell(groupCell)) membersReader.problem('metrics.raw.cell.missingGroup', row, 'group', groupCell);
    if (id === null || isMissingCell(groupCell)) return;
    const group = String(groupCell).trim();
    if (!groups.has(group)) groups.set(group, new Set());
    (groups.get(group) as Set<string>).add(id);
    if (!groupsOf.has(id)) groupsOf.set(id, new Set());
    (groupsOf.get(id) as Set<string>).add(group);
  });

  // Attendance: minutes per ID, several rows adding up.
  let minutes: Map<string, number> | null = null;
  const attendanceReader = lists.attendance ? new ListReader('attendance', lists.attendance, ATTENDANCE_SCHEMA, report, options.tabs?.attendance) : null;
  if (attendanceReader) {
    const watched = new Map<string, number>();
    attendanceReader.forEachRow((cell, row) => {
      const id = attendanceReader.id(cell('memberId'), row, 'memberId');
      const value = attendanceReader.number(cell('minutes'), row, 'minutes');
      if (id !== null) watched.set(id, (watched.get(id) ?? 0) + (value ?? 0));
    });
    minutes = watched;
  }

  // Orders: paid amount per ID; refunded orders are not revenue, their buyers are refunds.
  let paid: Map<string, number> | null = null;
  let refunded: Set<string> | null = null;
  const ordersReader = lists.orders ? new ListReader('orders', lists.orders, ORDER_SCHEMA, report, options.tabs?.orders) : null;
  const orderIds = new Set<string>();
  const unknownStatuses = new Map<string, number>();
  let unpaidOrders = 0;
  let duplicateOrders = 0;
  const orderingIds = new Set<string>();
  if (ordersReader) {
    const paidAmounts = new Map<string, number>();
    const refundIds = new Set<string>();
    ordersReader.forEachRow((cell, row) => {
      const orderId = cell('orderId');
      if (!isMissingCell(orderId)) {
        const key = String(orderId).trim();
        if (orderIds.has(key)) {
          duplicateOrders++;
          return;
        }
        orderIds.add(key);
      }
      const id = ordersReader.id(cell('memberId'), row, 'memberId');
      const status = orderStatus(cell('status'));
      const amountCell = cell('amount');
      const amount = ordersReader.number(amountCell, row, 'amount');
      if (status === 'unknown') {
        const text = String(cell('status')).trim();
        unknownStatuses.set(text, (unknownStatuses.get(text) ?? 0) + 1);
      }
      if (id === null) return;
      if (status === 'unpaid') {
        unpaidOrders++;
        return;
      }
      orderingIds.add(id);
      if (status === 'refunded') {
        refundIds.add(id);
        return;
      }
      if (isMissingCell(amountCell)) {
        ordersReader.problem('metrics.raw.cell.missingAmount', row, 'amount', amountCell);
        return;
      }
      if (amount !== null) paidAmounts.set(id, (paidAmounts.get(id) ?? 0) + amount);
    });
    paid = paidAmounts;
    refunded = refundIds;
  }

  const problems = [membersReader, attendanceReader, ordersReader].flatMap((reader) => (reader ? reader.summary() : []));
  if (problems.length > 0) throw new AppError(problems);
  if (groups.size === 0) throw new AppError({ code: 'metrics.error.noRows', location: { tab: options.tabs?.members } });

  const count = (ids: Iterable<string>): MetricInputs => {
    const inputs = emptyInputs();
    let members = 0;
    let attendees = 0;
    let completed = 0;
    let buyers = 0;
    let revenue = 0;
    let refunds = 0;
    for (const id of ids) {
      members++;
      const watched = minutes?.get(id);
      if (watched !== undefined) {
        attendees++;
        if (watched >= threshold) completed++;
      }
      const amount = paid?.get(id);
      if (amount !== undefined) {
        buyers++;
        revenue += amount;
      }
      if (refunded?.has(id)) refunds++;
    }
    inputs.members = members;
    if (minutes) {
      inputs.attendees = attendees;
      inputs.completed = completed;
    }
    if (paid) {
      inputs.buyers = buyers;
      inputs.revenue = Number.isFinite(revenue) ? revenue : null;
      inputs.refunds = refunds;
    }
    return inputs;
  };

  const rows: MetricsRow[] = [...groups].map(([group, ids]) => {
    const inputs = count(ids);
    return { name: group, period: null, sourceRow: null, inputs, metrics: computeRow(inputs), extras: [] };
  });
  const totalInputs = count(groupsOf.keys());

  const notMembers = (ids: Iterable<string>): string[] => [...ids].filter((id) => !groupsOf.has(id));
  if (minutes) {
    const outside = notMembers(minutes.keys());
    if (outside.length > 0) warn({ code: 'metrics.raw.warning.attendeesNotMembers', params: { count: outside.length, ids: idList(outside) } });
  }
  const outsideBuyers = notMembers(orderingIds);
  if (outsideBuyers.length > 0) warn({ code: 'metrics.raw.warning.buyersNotMembers', params: { count: outsideBuyers.length, ids: idList(outsideBuyers) } });
  if (unpaidOrders > 0) warn({ code: 'metrics.raw.warning.unpaidOrders', params: { count: unpaidOrders } });
  if (duplicateOrders > 0) warn({ code: 'metrics.raw.warning.duplicateOrders', params: { count: duplicateOrders } });
  for (const [status, times] of unknownStatuses) warn({ code: 'metrics.raw.warning.unknownStatus', params: { status, count: times } });
  const multiGroup = [...groupsOf.values()].filter((set) => set.size > 1).length;
  if (multiGroup > 0) warn({ code: 'metrics.raw.warning.multiGroup', params: { count: multiGroup } });
  if (minutes) warn({ code: 'metrics.raw.warning.completionRule', params: { minutes: Math.round(threshold * 100) / 100, classMinutes, share } });

  const inputKeys: InputKey[] = ['members'];
  if (minutes) inputKeys.push('attendees', 'completed');
  if (paid) inputKeys.push('buyers', 'revenue', 'refunds');
  return {
    mode: 'raw',
    source: options.source ?? '',
    inputKeys,
    hasPeriod: false,
    extraHeaders: [],
    rows,
    total: { inputs: totalInputs, metrics: computeRow(totalInputs) },
    totalMethod: 'deduplicated',
    comparisons: [],
    report,
  };
}
