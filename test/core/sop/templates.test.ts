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

  test('moments-daily: several Moments posts a day at set times, rotating the four pillars', () => {
    const t = builtInTemplate('moments-daily', 'zh-CN');
    expect(t.phases).toEqual(['行业前景', '信任增强', '欲望调动', '干货分享']);
    expect(templateSpan(t)).toEqual({ first: 0, last: 6 });
    for (const row of t.rows) expect(row.channel).toBe('moments');
    for (const day of range(0, 6)) {
      const rows = rowsOn(t, day);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(new Set(rows.map((r) => r.phase)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.time)).size).toBe(rows.length);
      if (day < 6) expect(new Set([...rows, ...rowsOn(t, day + 1)].map((r) => r.phase)).size).toBe(4);
    }
    const perPillar = t.phases.map((p) => t.rows.filter((r) => r.phase === p).length);
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
});
