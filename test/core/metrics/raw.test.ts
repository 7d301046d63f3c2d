import { AppError, formatError } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { computeRawMetrics, metricsToJson, orderStatus } from '../../../src/core/metrics';
import type { CellValue } from '../../../src/core/tab/spec';
import { fixture } from './grid';

const members = fixture('raw-members.csv');
const attendance = fixture('raw-attendance.csv');
const orders = fixture('raw-orders.csv');

/** The expected counts, worked out directly from the sample files with plain code. */
function expectedCounts(classMinutes: number, share: number) {
  const groupOf = new Map<string, Set<string>>();
  const idsByGroup = new Map<string, Set<string>>();
  for (const [group, , id] of members.slice(1) as string[][]) {
    if (!idsByGroup.has(group)) idsByGroup.set(group, new Set());
    idsByGroup.get(group)!.add(id);
    if (!groupOf.has(id)) groupOf.set(id, new Set());
    groupOf.get(id)!.add(group);
  }
  const minutes = new Map<string, number>();
  for (const [id, , watched] of attendance.slice(1) as string[][]) minutes.set(id, (minutes.get(id) ?? 0) + Number(watched));
  const paid = new Map<string, number>();
  const refunded = new Set<string>();
  for (const [, id, , amount, , status] of orders.slice(1) as string[][]) {
    if (status === '已退款') refunded.add(id);
    else paid.set(id, (paid.get(id) ?? 0) + Number(amount));
  }
  const countFor = (ids: Set<string>) => ({
    members: ids.size,
    attendees: [...ids].filter((id) => minutes.has(id)).length,
    completed: [...ids].filter((id) => (minutes.get(id) ?? 0) >= classMinutes * share).length,
    buyers: [...ids].filter((id) => paid.has(id) || refunded.has(id)).length,
    revenue: [...ids].reduce((sum, id) => sum + (paid.get(id) ?? 0), 0),
    refunds: [...ids].filter((id) => refunded.has(id)).length,
  });
  return {
    groups: [...idsByGroup].map(([group, ids]) => ({ group, ...countFor(ids) })),
    total: countFor(new Set(groupOf.keys())),
    outsiders: [...minutes.keys()].filter((id) => !groupOf.has(id)),
    inBoth: [...groupOf.values()].filter((g) => g.size > 1).length,
  };
}

describe('raw mode on the sample lists', () => {
  const expected = expectedCounts(90, 0.8);
  const result = computeRawMetrics({ members, attendance, orders }, { source: 'raw' });

  test('each group counts distinct member IDs, attendees, completions (≥ 72 of 90 minutes), buyers, revenue and refunds', () => {
    expect(result.rows.map((r) => ({ group: r.name, ...pick(r.inputs) }))).toEqual(expected.groups);
    expect(expected.groups.map((g) => g.group)).toEqual(['Java引流5群', 'Java引流6群']);
  });

  test('the total counts each person once, so it is less than the sum of the groups', () => {
    expect(pick(result.total.inputs)).toEqual(expected.total);
    expect(expected.inBoth).toBeGreaterThan(0);
    expect(result.total.inputs.members).toBe(expected.groups[0].members + expected.groups[1].members - expected.inBoth);
    expect(result.totalMethod).toBe('deduplicated');
    expect(result.total.metrics.participationRate).toBe(expected.total.attendees / expected.total.members);
  });

  test('refunded orders are not revenue, but their buyers paid: they count as buyers and as refunds', () => {
    // wxid_b7as1wno26 refunded 9200; wxid_85beuv7brd paid 9200 + 199.
    expect(result.total.inputs.refunds).toBe(1);
    expect(result.total.inputs.revenue).toBe(9200 + 8800 + 9200 + 9200 + 8800 + 8800 + 199);
    expect(result.total.inputs.buyers).toBe(7);
  });

  test('退款率 is the people who refunded out of everyone who paid: 1 of 5 in Java引流5群 is 20%, not 25%', () => {
    const group5 = result.rows.find((row) => row.name === 'Java引流5群');
    expect(group5?.inputs).toMatchObject({ buyers: 5, refunds: 1 });
    expect(group5?.metrics.refundRate).toBe(0.2);
    expect(result.total.metrics.refundRate).toBe(1 / 7);
  });

  test('viewers who are not members are reported with their IDs, not counted', () => {
    const warning = result.report.warnings.find((w) => w.code === 'metrics.raw.warning.attendeesNotMembers');
    expect(warning?.params?.count).toBe(expected.outsiders.length);
    for (const id of expected.outsiders) expect(String(warning?.params?.ids)).toContain(id);
    expect(result.report.warnings.find((w) => w.code === 'metrics.raw.warning.multiGroup')?.params?.count).toBe(expected.inBoth);
  });

  test('the completion rule follows the class length and share', () => {
    const other = computeRawMetrics({ members, attendance, orders }, { classMinutes: 60, completionShare: 0.5 });
    expect(other.total.inputs.completed).toBe(expectedCounts(60, 0.5).total.completed);
    expect(other.total.inputs.completed).not.toBe(result.total.inputs.completed);
  });

  test('the JSON groups the mapping by list', () => {
    const json = metricsToJson(result);
    expect(json.mapping).toMatchObject({
      members: { group: '群名称', name: '群昵称', memberId: '微信号', joinTime: '入群时间' },
      attendance: { memberId: '微信号', name: '昵称', minutes: '观看时长(分钟)' },
      orders: { orderId: '订单号', memberId: '微信号', product: '商品', amount: '实付金额', time: '支付时间', status: '订单状态' },
    });
    expect(json.total.inputs.members).toBe(expected.total.members);
  });
});

function pick(inputs: Record<string, number | null>) {
  const { members, attendees, completed, buyers, revenue, refunds } = inputs;
  return { members, attendees, completed, buyers, revenue, refunds };
}

describe('raw mode rules', () => {
  const memberGrid: CellValue[][] = [
    ['成员导出 2026-11'],
    ['群名称', '昵称', '微信号'],
    ['A群', '甲', 'u1'],
    ['A群', '甲', 'u1'],
    ['A群', '乙', 'u2'],
    ['B群', '甲', 'u1'],
    ['B群', '丙', 'u3'],
  ];

  test('attendance rows of one person add up; several orders of one buyer count once; unpaid orders are ignored', () => {
    const result = computeRawMetrics({
      members: memberGrid,
      attendance: [
        ['微信号', '时长'],
        ['u1', '40'],
        ['u1', '35分钟'],
        ['u2', '10'],
        ['x9', '90'],
      ],
      orders: [
        ['订单号', '用户ID', '金额', '状态'],
        ['o1', 'u1', '¥1,000', '已支付'],
        ['o2', 'u1', '500', 'paid'],
        ['o2', 'u1', '500', 'paid'],
        ['o3', 'u3', '800', '已取消'],
        ['o4', 'u2', '300', '退款成功'],
      ],
    });
    const [a, b] = result.rows;
    expect(a.inputs).toMatchObject({ members: 2, attendees: 2, completed: 1, buyers: 2, revenue: 1500, refunds: 1 });
    expect(b.inputs).toMatchObject({ members: 2, attendees: 1, completed: 1, buyers: 1, revenue: 1500, refunds: 0 });
    expect(result.total.inputs).toMatchObject({ members: 3, attendees: 2, completed: 1, buyers: 2, revenue: 1500, refunds: 1 });
    const codes = result.report.warnings.map((w) => w.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'metrics.raw.warning.attendeesNotMembers',
        'metrics.raw.warning.unpaidOrders',
        'metrics.raw.warning.duplicateOrders',
        'metrics.raw.warning.multiGroup',
      ]),
    );
    expect(result.report.skipped).toEqual([{ list: 'members', row: 1, reason: 'title', text: '成员导出 2026-11' }]);
  });

  test('without attendance or orders, those inputs stay blank', () => {
    const result = computeRawMetrics({ members: memberGrid });
    expect(result.inputKeys).toEqual(['members']);
    expect(result.total.inputs).toMatchObject({ members: 3, attendees: null, buyers: null });
  });

  test('order statuses', () => {
    expect(['已退款', '退款中', 'Refunded'].map(orderStatus)).toEqual(['refunded', 'refunded', 'refunded']);
    expect(['已取消', '未支付', 'closed'].map(orderStatus)).toEqual(['unpaid', 'unpaid', 'unpaid']);
    expect(['已支付', '交易成功', 'paid', null, ''].map(orderStatus)).toEqual(['paid', 'paid', 'paid', 'paid', 'paid']);
    expect(orderStatus('待发货?')).toBe('unknown');
  });

  test('missing IDs and unreadable minutes are reported per list, with row and column, and nothing is counted', () => {
    let error: unknown;
    try {
      computeRawMetrics(
        {
          members: [
            ['群名称', '微信号'],
            ['A群', 'u1'],
            ['A群', null],
          ],
          attendance: [
            ['微信号', '观看时长(分钟)'],
            ['u1', '四十'],
          ],
        },
        { tabs: { members: '成员', attendance: '观看' } },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const zh = formatError(error, translator('zh-CN')).split('\n');
    expect(zh).toEqual([
      '「成员」：成员名单中有 1 处无法读取，未写入任何内容：',
      '「成员」 第 3 行 B 列（微信号）：缺少成员ID（微信号）。',
      '「观看」：观看记录中有 1 处无法读取，未写入任何内容：',
      expect.stringMatching(/^「观看」 第 2 行 B 列（观看时长\(分钟\)）：无法识别的数字“四十”/),
    ]);
    const en = formatError(error, translator('en')).split('\n');
    expect(en[1]).toBe('Tab "成员", row 3, column B (微信号): The member ID is missing.');
  });

  test('a list without the columns it needs says which ones', () => {
    const errorText = (run: () => unknown): string => {
      try {
        run();
      } catch (e) {
        if (e instanceof AppError) return formatError(e, translator('en'));
        throw e;
      }
      throw new Error('expected an AppError');
    };
    expect(
      errorText(() =>
        computeRawMetrics({
          members: [
            ['昵称', '入群时间'],
            ['甲', '2026-11-01'],
          ],
        }),
      ),
    ).toContain('a group column');
    expect(
      errorText(() =>
        computeRawMetrics({
          members: memberGrid,
          orders: [
            ['订单号', '商品'],
            ['o1', '课'],
          ],
        }),
      ),
    ).toContain('an amount column');
    expect(() => computeRawMetrics({ members: memberGrid }, { completionShare: 1.5 })).toThrow(AppError);
  });
});

describe('raw mode edge cases', () => {
  const twoPeopleGroup: CellValue[][] = [
    ['群名称', '微信号'],
    ['A群', 'u1'],
    ['A群', 'u2'],
    ['A群', 'u3'],
  ];

  test('one buyer and two people who refunded give a refund rate of 2 in 3, not 200%', () => {
    const result = computeRawMetrics({
      members: twoPeopleGroup,
      orders: [
        ['订单号', '微信号', '实付金额', '订单状态'],
        ['o1', 'u1', 9200, '已支付'],
        ['o2', 'u2', 9200, '已退款'],
        ['o3', 'u3', 8800, '退款中'],
      ],
    });
    expect(result.total.inputs).toMatchObject({ buyers: 3, refunds: 2, revenue: 9200 });
    expect(result.total.metrics.refundRate).toBe(2 / 3);
    expect(result.rows[0].metrics.refundRate).toBe(2 / 3);
  });

  test('a person who bought one course and refunded another is one buyer and one refund', () => {
    const result = computeRawMetrics({
      members: twoPeopleGroup,
      orders: [
        ['订单号', '微信号', '实付金额', '订单状态'],
        ['o1', 'u1', 9200, '已支付'],
        ['o2', 'u1', 199, '已退款'],
      ],
    });
    expect(result.total.inputs).toMatchObject({ buyers: 1, refunds: 1, revenue: 9200 });
    expect(result.total.metrics.refundRate).toBe(1);
  });

  test('a person whose minutes add up to 0 did not come to class, and is no viewer outside the list either', () => {
    const result = computeRawMetrics({
      members: twoPeopleGroup,
      attendance: [
        ['微信号', '观看时长(分钟)'],
        ['u1', 0],
        ['u1', '0分钟'],
        ['u2', null],
        ['u3', 5],
        ['x9', 0],
      ],
    });
    expect(result.total.inputs).toMatchObject({ attendees: 1, completed: 0 });
    expect(result.report.warnings.map((w) => w.code)).not.toContain('metrics.raw.warning.attendeesNotMembers');
  });

  test('negative minutes are refused with the row and column', () => {
    let error: unknown;
    try {
      computeRawMetrics(
        {
          members: twoPeopleGroup,
          attendance: [
            ['微信号', '观看时长(分钟)'],
            ['u1', '-30'],
          ],
        },
        { tabs: { attendance: '观看' } },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(formatError(error, translator('zh-CN')).split('\n')[1]).toBe('「观看」 第 2 行 B 列（观看时长(分钟)）：“-30”是负数：人数、金额和时长不能小于 0。');
  });

  test('80,000 members, with attendance and orders, are counted in well under ten seconds (800,000 in npm run bench)', () => {
    // A tenth of an 800,000-member export: the counts below prove the same joins, and the time bound
    // still catches an accidental quadratic step (80,000² is billions of steps). `npm run bench` times
    // 800,000 members (Metrics: raw mode); here they would only make the suite slower.
    const members: CellValue[][] = [['群名称', '群昵称', '微信号', '入群时间']];
    for (let i = 0; i < 80_000; i++) members.push([`Java引流${Math.floor(i / 200)}群`, `用户${i}`, `wxid_${i % 76_000}`, '2026-11-04 20:28']);
    const attendance: CellValue[][] = [['微信号', '观看时长(分钟)']];
    for (let i = 0; i < 20_000; i++) attendance.push([`wxid_${(i * 7) % 90_000}`, i % 100]);
    const orders: CellValue[][] = [['订单号', '微信号', '实付金额', '订单状态']];
    for (let i = 0; i < 800; i++) orders.push([`NO${i}`, `wxid_${i * 97}`, 9200, i % 9 === 0 ? '已退款' : '已支付']);
    const started = Date.now();
    const result = computeRawMetrics({ members, attendance, orders });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.rows).toHaveLength(400);
    expect(result.total.inputs.members).toBe(76_000);
    // The first 4,000 people are in two groups each: their first and the one 380 groups on.
    expect(result.report.warnings.find((w) => w.code === 'metrics.raw.warning.multiGroup')?.params?.count).toBe(4_000);
  });
});
