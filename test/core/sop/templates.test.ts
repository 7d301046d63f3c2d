import { LANGS, type Lang } from '../../../src/core/i18n';
import { ROLES } from '../../../src/core/team/team';
import { CHANNELS, GENERATED_ID, rowIds, templateSpan, type SopTemplate } from '../../../src/core/sop/template';
import { BUILT_IN_TEMPLATES, builtInTemplate, builtInTemplateIds } from '../../../src/core/sop/templates';
import { isAppError } from '../../../src/core/errors';

const ALL_IDS = ['conversion-7d', 'big-class-28d', 'camp-3d', 'live-class', 'promo-flash', 'moments-daily', 'retention-monthly'];
const KNOWN_PLACEHOLDERS = new Set([
  '群名',
  '期次',
  '日期',
  '时间',
  '锚点日',
  '讲师',
  '顾问',
  '班主任',
  '助教',
  '运营',
  'group',
  'cohort',
  'date',
  'time',
  'anchor',
  'lecturer',
  'advisor',
  'headTeacher',
  'assistant',
  'operator',
]);
const CJK = /[\u3400-\u9fff]/;

const offsetsOf = (template: SopTemplate): Set<number> => new Set(template.rows.map((r) => r.dayOffset));
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const rowsOn = (template: SopTemplate, day: number) => template.rows.filter((r) => r.dayOffset === day);

describe('built-in templates', () => {
  test('the seven templates of the issue are there, in picker order', () => {
    expect(builtInTemplateIds()).toEqual(ALL_IDS);
  });

  test('an unknown id is an AppError naming it', () => {
    expect.assertions(2);
    try {
      builtInTemplate('nope', 'zh-CN');
    } catch (error) {
      expect(isAppError(error)).toBe(true);
      expect((error as { problems: Array<{ params: unknown }> }).problems[0].params).toEqual({ id: 'nope' });
    }
  });

  describe.each(ALL_IDS)('%s', (id) => {
    const zh = builtInTemplate(id, 'zh-CN');
    const en = builtInTemplate(id, 'en');

    test('zh-CN and en have the same rows: keys, offsets, times, channels, roles, phase positions', () => {
      const shape = (t: SopTemplate) => t.rows.map((r) => [r.rowKey, r.dayOffset, r.time, r.channel, r.role, t.phases.indexOf(r.phase)]);
      expect(shape(en)).toEqual(shape(zh));
      expect(en.phases).toHaveLength(zh.phases.length);
      expect(en.anchorKind).toBe(zh.anchorKind);
    });

    test.each(LANGS)('is well formed in %s', (lang: Lang) => {
      const t = builtInTemplate(id, lang);
      const keys = t.rows.map((r) => r.rowKey);
      expect(new Set(keys).size).toBe(keys.length);
      for (const row of t.rows) {
        expect(Number.isInteger(row.dayOffset)).toBe(true);
        expect(row.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(CHANNELS).toContain(row.channel);
        expect(ROLES).toContain(row.role);
        expect(t.phases).toContain(row.phase);
        for (const text of [row.item, row.detail, row.script, row.materials]) expect(text.trim()).not.toBe('');
        for (const text of [row.item, row.detail, row.script, row.materials]) {
          for (const m of text.matchAll(/\{([^{}]+)\}/g)) expect(KNOWN_PLACEHOLDERS.has(m[1].replace(/[+-]\d+$/, ''))).toBe(true);
        }
      }
      expect(new Set(t.rows.map((r) => r.phase))).toEqual(new Set(t.phases));
    });

    test('the zh-CN text is Chinese and the en text is a translation, not a copy', () => {
      for (const row of zh.rows) expect(row.item + row.script).toMatch(CJK);
      for (const row of en.rows) for (const text of [row.item, row.detail, row.script, row.materials]) expect(text).not.toMatch(CJK);
      for (const phase of en.phases) expect(phase).not.toMatch(CJK);
      expect(en.name).not.toMatch(CJK);
    });

    test('row IDs are distinct, look generated and start with the template code', () => {
      const ids = [...rowIds(zh).values()];
      expect(new Set(ids).size).toBe(zh.rows.length);
      for (const rowId of ids) {
        expect(rowId).toMatch(GENERATED_ID);
        expect(rowId.startsWith(zh.code + '-')).toBe(true);
      }
    });
  });

  test('template codes are distinct, so IDs of different templates never meet', () => {
    const codes = BUILT_IN_TEMPLATES.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test('conversion-7d: offsets 0..6 from the group day, at least one row every day', () => {
    const t = builtInTemplate('conversion-7d', 'zh-CN');
    expect(t.anchorKind).toBe('groupDay');
    expect(templateSpan(t)).toEqual({ first: 0, last: 6 });
    for (const day of range(0, 6)) expect(rowsOn(t, day).length).toBeGreaterThanOrEqual(1);
  });

  test('conversion-7d: high intent is screened on days 0 and 1 and reaches an advisor the same day, after the tagging', () => {
    const t = builtInTemplate('conversion-7d', 'zh-CN');
    for (const day of [0, 1]) {
      const rows = rowsOn(t, day);
      const tagging = rows.find((r) => r.role === 'operator' && /A/.test(r.item) && r.detail.includes('A'));
      const fastTrack = rows.find((r) => r.role === 'advisor' && r.channel === 'private' && r.item.includes('A类') && r.item.includes('1V1'));
      expect(tagging && fastTrack && fastTrack.time > tagging.time).toBe(true);
    }
    expect(rowsOn(t, 0).find((r) => r.rowKey === 'd0-tag')?.script).toMatch(/A.*B.*C/s);
  });

  test('conversion-7d: the notice promises only the sessions that have rows, on their dates', () => {
    const t = builtInTemplate('conversion-7d', 'zh-CN');
    const notice = t.rows.find((r) => r.rowKey === 'd0-notice')!;
    expect(notice.script).not.toMatch(/每晚/);
    for (const [shift, key] of [
      [1, 'd1-share'],
      [2, 'd2-qa'],
      [5, 'd5-live'],
    ] as const) {
      expect(notice.script).toContain(`{日期+${shift}} 20:00`);
      expect(t.rows.find((r) => r.rowKey === key)).toMatchObject({ dayOffset: shift, time: '20:00' });
    }
  });

  test.each(LANGS)('conversion-7d (%s): every row that names the offer deadline names the same one, midnight after the class day', (lang) => {
    const t = builtInTemplate('conversion-7d', lang);
    const live = t.rows.find((r) => r.channel === 'live')!;
    const deadlineDay = live.dayOffset + 1;
    const named = t.rows.filter((r) => /\{(日期|date)\+\d+\}/.test(r.script) && r.dayOffset >= live.dayOffset);
    expect(named.map((r) => r.rowKey)).toEqual(expect.arrayContaining(['d5-live', 'd5-follow-up']));
    for (const r of named) for (const m of r.script.matchAll(/\{(?:日期|date)\+(\d+)\}/g)) expect(r.dayOffset + Number(m[1])).toBe(deadlineDay);
    const tonight = lang === 'zh-CN' ? '今晚24点' : 'midnight tonight';
    for (const key of ['d6-replay', 'd6-deadline']) {
      const r = t.rows.find((row) => row.rowKey === key)!;
      expect(r.dayOffset).toBe(deadlineDay);
      expect(r.script).toContain(tonight);
    }
    expect(t.rows.map((r) => r.script).join('\n')).not.toMatch(/明天中午|noon tomorrow/);
  });

  test('conversion-7d: the mass message greets the person it reaches, not a group', () => {
    const mass = builtInTemplate('conversion-7d', 'zh-CN').rows.filter((r) => r.channel === 'massMessage');
    expect(mass.length).toBeGreaterThan(0);
    for (const r of mass) expect(r.script).not.toMatch(/^\{群名\}的/);
  });

  test.each(LANGS)('big-class-28d (%s): 营前 −7..−1, 营中 0..13, 营后 14..20, one phase per span, every day covered', (lang) => {
    const t = builtInTemplate('big-class-28d', lang);
    expect(t.anchorKind).toBe('campStart');
    expect(t.phases).toHaveLength(3);
    const [pre, during, post] = t.phases;
    for (const day of range(-7, 20)) {
      const rows = rowsOn(t, day);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      const expected = day < 0 ? pre : day <= 13 ? during : post;
      for (const row of rows) expect(row.phase).toBe(expected);
    }
    expect(templateSpan(t)).toEqual({ first: -7, last: 20 });
    if (lang === 'zh-CN') expect(t.phases).toEqual(['营前', '营中', '营后']);
  });

  test('big-class-28d: every live class has a reminder 30 minutes before naming it and the link, and a replay the next morning', () => {
    const t = builtInTemplate('big-class-28d', 'zh-CN');
    const classes = t.rows.filter((r) => r.channel === 'live' && /^第\d课/.test(r.item));
    expect(classes.map((r) => r.dayOffset)).toEqual([1, 3, 5, 8, 10, 12]);
    classes.forEach((lesson, i) => {
      const name = `第${i + 1}课`;
      const reminder = rowsOn(t, lesson.dayOffset).find((r) => r.item === `${name}开课提醒`);
      expect(reminder).toMatchObject({ time: '19:30', channel: 'group' });
      expect(reminder?.script).toContain(name);
      expect(reminder?.script).toContain('[直播链接]');
      const replay = rowsOn(t, lesson.dayOffset + 1).find((r) => r.item === `${name}回放`);
      expect(replay?.script).toContain('[回放链接]');
    });
  });

  test('big-class-28d: the check-in is counted every evening from the first class to the last, as the head teacher promises', () => {
    const t = builtInTemplate('big-class-28d', 'zh-CN');
    expect(t.rows.find((r) => r.rowKey === 'd-5-intro')?.script).toMatch(/每晚10点统计打卡/);
    expect(t.rows.find((r) => r.rowKey === 'd-3-notice')?.script).toMatch(/每晚10点统计/);
    for (const day of range(1, 12)) expect(rowsOn(t, day).filter((r) => r.item === '打卡统计' && r.time === '22:00')).toHaveLength(1);
  });

  test('big-class-28d: after camp, a public draw (free course, vouchers, cash, memberships) before the renewal deadline, which every row names alike', () => {
    const t = builtInTemplate('big-class-28d', 'zh-CN');
    const rules = t.rows.find((r) => r.rowKey === 'd14-draw-rules')!;
    for (const prize of ['免单', '抵扣券', '现金', '月卡']) expect(rules.script).toContain(prize);
    const draw = t.rows.find((r) => r.rowKey === 'd16-draw')!;
    expect(rules.script).toContain(`{日期+${draw.dayOffset - rules.dayOffset}}`);
    const offer = t.rows.find((r) => r.rowKey === 'd17-offer')!;
    const deadline = offer.dayOffset + Number(/\{日期\+(\d+)\}/.exec(offer.script)?.[1]);
    expect(rules.script).toContain(`{日期+${deadline - rules.dayOffset}}`);
    const reminder = t.rows.find((r) => r.rowKey === 'd19-deadline')!;
    expect(reminder.dayOffset).toBe(deadline);
    expect(reminder.script).toContain('今晚24点');
    expect(t.rows.some((r) => r.phase === '营后' && r.item.includes('老带新'))).toBe(true);
  });

  test('camp-3d: pre-heat days before, three camp days, follow-up days after', () => {
    const t = builtInTemplate('camp-3d', 'zh-CN');
    expect(t.anchorKind).toBe('campStart');
    const offsets = offsetsOf(t);
    expect([...offsets].some((d) => d < 0)).toBe(true);
    for (const day of [0, 1, 2]) {
      const rows = rowsOn(t, day);
      expect(rows.some((r) => r.channel === 'live')).toBe(true);
      for (const row of rows) expect(row.phase).toBe('训练营');
    }
    expect([...offsets].some((d) => d > 2)).toBe(true);
    for (const row of t.rows) expect(row.phase).toBe(row.dayOffset < 0 ? '预热' : row.dayOffset <= 2 ? '训练营' : '跟进');
  });

  test.each(LANGS)('live-class (%s): −3..+1 from the live day; the live day has warm-up, going-live and same-night follow-up', (lang) => {
    const t = builtInTemplate('live-class', lang);
    expect(t.anchorKind).toBe('liveDay');
    expect(templateSpan(t)).toEqual({ first: -3, last: 1 });
    for (const day of range(-3, 1)) expect(rowsOn(t, day).length).toBeGreaterThanOrEqual(1);
    const liveDay = rowsOn(t, 0);
    expect(liveDay.length).toBeGreaterThanOrEqual(3);
    const items = liveDay.map((r) => r.item);
    const wanted = lang === 'zh-CN' ? ['预热提醒', '开播提醒', '当晚跟进'] : ['Warm-up reminder', 'Going-live reminder', 'Same-night follow-up'];
    for (const item of wanted) expect(items).toContain(item);
    // The follow-up comes after the class itself, the same evening.
    const live = liveDay.find((r) => r.channel === 'live');
    const followUp = liveDay.find((r) => r.item === wanted[2]);
    expect(live && followUp && followUp.time > live.time).toBe(true);
  });

  test('promo-flash: a 7-day preparation, then activity days with 秒杀, 快闪群 and 拼团', () => {
    const t = builtInTemplate('promo-flash', 'zh-CN');
    for (const day of range(-7, -1)) {
      const rows = rowsOn(t, day);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) expect(row.phase).toBe('筹备');
    }
    const activity = t.rows.filter((r) => r.phase === '活动');
    expect(Math.min(...activity.map((r) => r.dayOffset))).toBe(0);
    const text = activity.map((r) => r.item).join(' ');
    for (const word of ['秒杀', '快闪群', '拼团']) expect(text).toContain(word);
  });

  test('promo-flash: for a ¥万 course the 秒杀 sells a 定金 and the 拼团 a trial class, each followed the same evening by an advisor 1V1', () => {
    const t = builtInTemplate('promo-flash', 'zh-CN');
    const flashSales = t.rows.filter((r) => r.item.includes('秒杀'));
    expect(flashSales.length).toBeGreaterThanOrEqual(2);
    for (const sale of flashSales) {
      expect(sale.item).toContain('定金');
      const oneToOne = rowsOn(t, sale.dayOffset).find((r) => r.role === 'advisor' && r.channel === 'private' && r.time > sale.time);
      expect(oneToOne?.detail).toMatch(/1V1|私聊/);
    }
    expect(t.rows.find((r) => r.item.includes('拼团'))?.item).toContain('体验课');
    const trial = t.rows.find((r) => r.channel === 'live' && r.item.includes('体验课'))!;
    expect(rowsOn(t, trial.dayOffset).some((r) => r.role === 'advisor' && r.item.includes('1V1') && r.time > trial.time)).toBe(true);
  });

  test('promo-flash: every row that dates the deposit credit names the same last day', () => {
    const t = builtInTemplate('promo-flash', 'zh-CN');
    const lastDays = t.rows.flatMap((r) =>
      [...r.script.matchAll(/定金[^。；\n]*?\{日期\+(\d+)\}(?:前|晚)?报名|抵扣有效期到\{日期\+(\d+)\}|定金\{日期\+(\d+)\}前/g)].map(
        (m) => r.dayOffset + Number(m[1] ?? m[2] ?? m[3]),
      ),
    );
    expect(lastDays.length).toBeGreaterThanOrEqual(5);
    expect(new Set(lastDays).size).toBe(1);
  });

  test('moments-daily: several Moments posts a day at set times, rotating the four pillars, and the person behind the account every day', () => {
    const t = builtInTemplate('moments-daily', 'zh-CN');
    const life = '真人日常';
    const pillars = ['行业前景', '信任增强', '欲望调动', '干货分享'];
    expect([...t.phases].sort()).toEqual([...pillars, life].sort());
    expect(templateSpan(t)).toEqual({ first: 0, last: 6 });
    for (const row of t.rows) expect(row.channel).toBe('moments');
    const marketing = (day: number) => rowsOn(t, day).filter((r) => r.phase !== life);
    for (const day of range(0, 6)) {
      const rows = rowsOn(t, day);
      expect(marketing(day).length).toBeGreaterThanOrEqual(3);
      expect(rows.filter((r) => r.phase === life)).toHaveLength(1);
      expect(new Set(rows.map((r) => r.phase)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.time)).size).toBe(rows.length);
      // The personal post sits between marketing posts, never first or last of the day.
      const order = [...rows].sort((a, b) => (a.time < b.time ? -1 : 1)).map((r) => r.phase);
      expect(order.indexOf(life)).toBeGreaterThan(0);
      expect(order.indexOf(life)).toBeLessThan(order.length - 1);
      if (day < 6) expect(new Set([...marketing(day), ...marketing(day + 1)].map((r) => r.phase))).toEqual(new Set(pillars));
    }
    const perPillar = pillars.map((p) => t.rows.filter((r) => r.phase === p).length);
    expect(Math.max(...perPillar) - Math.min(...perPillar)).toBeLessThanOrEqual(1);
  });

  test('retention-monthly: a month of rhythm in three parts, with a weekly referral digest', () => {
    const t = builtInTemplate('retention-monthly', 'zh-CN');
    const { first, last } = templateSpan(t);
    expect(first).toBe(0);
    expect(last).toBeGreaterThanOrEqual(27);
    expect(last).toBeLessThanOrEqual(30);
    expect(t.phases).toEqual(['月初', '月中', '月末']);
    const digestDays = t.rows.filter((r) => r.item === '内推岗位周报').map((r) => r.dayOffset);
    expect(digestDays.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < digestDays.length; i++) expect(digestDays[i] - digestDays[i - 1]).toBe(7);
  });

  test('retention-monthly: the 复购 tools — alumni price, bring-a-friend, and a draw with a free course, vouchers, cash and memberships announced before it is held', () => {
    const t = builtInTemplate('retention-monthly', 'zh-CN');
    const text = t.rows.map((r) => r.item + r.script).join('\n');
    for (const tool of ['老学员价', '老带新']) expect(text).toContain(tool);
    const rules = t.rows.find((r) => r.item.includes('抽奖规则'))!;
    for (const prize of ['免单', '抵扣券', '现金', '月卡']) expect(rules.script).toContain(prize);
    const draw = t.rows.find((r) => r.item.includes('开奖'))!;
    expect(rules.script).toContain(`{日期+${draw.dayOffset - rules.dayOffset}}`);
    expect(rules.detail).toContain('不以购买为条件');
    expect(t.rows.find((r) => r.rowKey === 'd0-plan')?.script).toContain(`{日期+${draw.dayOffset}} 20:00`);
  });
});
