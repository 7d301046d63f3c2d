/**
 * Raw mode: metrics from lists instead of counts — members (group, name, member ID, join time),
 * attendance (member ID, minutes; several rows per person add up) and orders (order ID, member ID,
 * product, amount, time, status). Counts are of distinct IDs; a person in two groups counts in each
 * group but once in the total (去重后的真实流量). 到课 is any minutes watched (a total of 0 is none),
 * 成单 is everyone who paid, refunded or not, and refunded orders are not revenue. Attendees and
 * buyers who are not members are reported, not counted.
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

  /** The 0-based column of a field, or -1 when the list has none (its cells then read as blank). */
  column(field: K): number {
    return this.columns.columnOf[field] ?? -1;
  }

  /**
   * Calls fn for each data row (blank and 合计 rows skipped) with its cells and its 1-based row.
   * The cells are handed over as they are: a list can be 800,000 rows, so nothing is made per row.
   */
  forEachRow(fn: (cells: readonly CellValue[], row: number) => void): void {
    for (let r = this.headerIndex + 1; r < this.grid.length; r++) {
      const cells = this.grid[r] ?? [];
      if (isBlankRow(cells)) continue;
      if (isTotalLabel(cells.find((cell) => !isMissingCell(cell)))) {
        this.report.skipped.push({ list: this.list, row: r + 1, reason: 'total', text: rowText(cells) });
        continue;
      }
      fn(cells, r + 1);
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

/** The cell of a row in a column found by ListReader.column (-1: none). */
function at(cells: readonly CellValue[], column: number): CellValue {
  return column < 0 ? null : (cells[column] ?? null);
}

/** Counts IDs that are not members, keeping the first few to name in the warning. */
class Outsiders {
  count = 0;
  readonly shown: string[] = [];

  add(id: string): void {
    this.count++;
    if (this.shown.length < IDS_SHOWN) this.shown.push(id);
  }

  text(): string {
    return this.count > IDS_SHOWN ? `${this.shown.join(', ')} …` : this.shown.join(', ');
  }
}

function checkOptions(classMinutes: number, share: number): void {
  if (!Number.isFinite(classMinutes) || classMinutes <= 0) {
    throw new AppError({ code: 'error.invalidSetting', params: { name: 'classMinutes', value: String(classMinutes) } });
  }
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new AppError({ code: 'error.invalidSetting', params: { name: 'completionShare', value: String(share) } });
  }
}

/** What a person adds to the counts of each of their groups and of the total. */
interface PersonCounts {
  attendees: number;
  completed: number;
  buyers: number;
  revenue: number;
  refunds: number;
}

function zeroCounts(): PersonCounts {
  return { attendees: 0, completed: 0, buyers: 0, revenue: 0, refunds: 0 };
}

export function computeRawMetrics(lists: RawLists, options: RawOptions = {}): MetricsResult {
  const classMinutes = options.classMinutes ?? DEFAULT_CLASS_MINUTES;
  const share = options.completionShare ?? DEFAULT_COMPLETION_SHARE;
  checkOptions(classMinutes, share);
  const threshold = classMinutes * share;
  const report: MetricsReport = { mapping: [], skipped: [], extraColumns: [], warnings: [] };
  const warn = (warning: Warning): void => void report.warnings.push(warning);

  if (lists.members.every((row) => isBlankRow(row))) throw new AppError({ code: 'error.emptyInput', location: { tab: options.tabs?.members } });

  // Members: each ID's groups as group indexes — one number for the usual one-group person, a list
  // for people in several groups. A Set per group and another per person held every ID twice and
  // 800,000 small Sets; this is one map entry per person, and the groups are counted from it.
  const membersReader = new ListReader('members', lists.members, MEMBER_SCHEMA, report, options.tabs?.members);
  const groupIndex = new Map<string, number>();
  const groupNames: string[] = [];
  const groupsOf = new Map<string, number | number[]>();
  const groupColumn = membersReader.column('group');
  const memberIdColumn = membersReader.column('memberId');
  membersReader.forEachRow((cells, row) => {
    const groupCell = at(cells, groupColumn);
    const id = membersReader.id(at(cells, memberIdColumn), row, 'memberId');
    const noGroup = isMissingCell(groupCell);
    if (noGroup) membersReader.problem('metrics.raw.cell.missingGroup', row, 'group', groupCell);
    if (id === null || noGroup) return;
    const group = String(groupCell).trim();
    let index = groupIndex.get(group);
    if (index === undefined) {
      index = groupNames.length;
      groupIndex.set(group, index);
      groupNames.push(group);
    }
    const known = groupsOf.get(id);
    if (known === undefined) groupsOf.set(id, index);
    else if (typeof known === 'number') {
      if (known !== index) groupsOf.set(id, [known, index]);
    } else if (!known.includes(index)) known.push(index);
  });

  // Attendance: minutes per ID, several rows adding up. Minutes that add up to 0 are no attendance.
  let minutes: Map<string, number> | null = null;
  const attendanceReader = lists.attendance ? new ListReader('attendance', lists.attendance, ATTENDANCE_SCHEMA, report, options.tabs?.attendance) : null;
  if (attendanceReader) {
    const watched = new Map<string, number>();
    const idColumn = attendanceReader.column('memberId');
    const minutesColumn = attendanceReader.column('minutes');
    attendanceReader.forEachRow((cells, row) => {
      const id = attendanceReader.id(at(cells, idColumn), row, 'memberId');
      const cell = at(cells, minutesColumn);
      let value = attendanceReader.number(cell, row, 'minutes');
      if (value !== null && value < 0) {
        attendanceReader.problem('metrics.cell.negative', row, 'minutes', cell);
        value = null;
      }
      if (id !== null) watched.set(id, (watched.get(id) ?? 0) + (value ?? 0));
    });
    minutes = watched;
  }

  // Orders: every ID that paid is a buyer, whether or not the order was refunded later (退款率 is
  // refunds ÷ everyone who paid, as 成单人数 in an export counts them); refunded orders are not revenue.
  let paid: Map<string, number> | null = null;
  let refunded: Set<string> | null = null;
  const ordersReader = lists.orders ? new ListReader('orders', lists.orders, ORDER_SCHEMA, report, options.tabs?.orders) : null;
  const orderIds = new Set<string>();
  const unknownStatuses = new Map<string, number>();
  let unpaidOrders = 0;
  let duplicateOrders = 0;
  if (ordersReader) {
    const paidAmounts = new Map<string, number>();
    const refundIds = new Set<string>();
    const column = {
      orderId: ordersReader.column('orderId'),
      memberId: ordersReader.column('memberId'),
      amount: ordersReader.column('amount'),
      status: ordersReader.column('status'),
    };
    ordersReader.forEachRow((cells, row) => {
      const orderId = at(cells, column.orderId);
      if (!isMissingCell(orderId)) {
        const key = String(orderId).trim();
        if (orderIds.has(key)) {
          duplicateOrders++;
          return;
        }
        orderIds.add(key);
      }
      const id = ordersReader.id(at(cells, column.memberId), row, 'memberId');
      const statusCell = at(cells, column.status);
      const status = orderStatus(statusCell);
      const amountCell = at(cells, column.amount);
      const amount = ordersReader.number(amountCell, row, 'amount');
      if (status === 'unknown') {
        const text = String(statusCell).trim();
        unknownStatuses.set(text, (unknownStatuses.get(text) ?? 0) + 1);
      }
      if (id === null) return;
      if (status === 'unpaid') {
        unpaidOrders++;
        return;
      }
      if (status === 'refunded') {
        refundIds.add(id);
        if (!paidAmounts.has(id)) paidAmounts.set(id, 0);
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
  if (groupNames.length === 0) throw new AppError({ code: 'metrics.error.noRows', location: { tab: options.tabs?.members } });

  // One pass over the people: each person's counts go to each of their groups and once to the total.
  const perGroup = groupNames.map(() => ({ members: 0, ...zeroCounts() }));
  const total = { members: 0, ...zeroCounts() };
  const person = zeroCounts();
  let multiGroup = 0;
  for (const [id, groups] of groupsOf) {
    const watched = minutes?.get(id) ?? 0;
    const amount = paid?.get(id);
    person.attendees = watched > 0 ? 1 : 0;
    person.completed = watched > 0 && watched >= threshold ? 1 : 0;
    person.buyers = amount !== undefined ? 1 : 0;
    person.revenue = amount ?? 0;
    person.refunds = refunded?.has(id) ? 1 : 0;
    addPerson(total, person);
    if (typeof groups === 'number') addPerson(perGroup[groups], person);
    else {
      multiGroup++;
      for (const group of groups) addPerson(perGroup[group], person);
    }
  }

  const inputsOf = (counts: PersonCounts & { members: number }): MetricInputs => {
    const inputs = emptyInputs();
    inputs.members = counts.members;
    if (minutes) {
      inputs.attendees = counts.attendees;
      inputs.completed = counts.completed;
    }
    if (paid) {
      inputs.buyers = counts.buyers;
      inputs.revenue = Number.isFinite(counts.revenue) ? counts.revenue : null;
      inputs.refunds = counts.refunds;
    }
    return inputs;
  };

  const rows: MetricsRow[] = groupNames.map((group, index) => {
    const inputs = inputsOf(perGroup[index]);
    return { name: group, period: null, sourceRow: null, inputs, metrics: computeRow(inputs), extras: [] };
  });
  const totalInputs = inputsOf(total);

  if (minutes) {
    const viewers = new Outsiders();
    for (const [id, watched] of minutes) if (watched > 0 && !groupsOf.has(id)) viewers.add(id);
    if (viewers.count > 0) warn({ code: 'metrics.raw.warning.attendeesNotMembers', params: { count: viewers.count, ids: viewers.text() } });
  }
  if (paid) {
    const buyers = new Outsiders();
    for (const id of paid.keys()) if (!groupsOf.has(id)) buyers.add(id);
    if (buyers.count > 0) warn({ code: 'metrics.raw.warning.buyersNotMembers', params: { count: buyers.count, ids: buyers.text() } });
  }
  if (unpaidOrders > 0) warn({ code: 'metrics.raw.warning.unpaidOrders', params: { count: unpaidOrders } });
  if (duplicateOrders > 0) warn({ code: 'metrics.raw.warning.duplicateOrders', params: { count: duplicateOrders } });
  for (const [status, times] of unknownStatuses) warn({ code: 'metrics.raw.warning.unknownStatus', params: { status, count: times } });
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

function addPerson(into: PersonCounts & { members: number }, person: PersonCounts): void {
  into.members++;
  into.attendees += person.attendees;
  into.completed += person.completed;
  into.buyers += person.buyers;
  into.revenue += person.revenue;
  into.refunds += person.refunds;
}
