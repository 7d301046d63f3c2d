import { fromIso, toIso, type DaySerial } from '../../../src/core/dates';
import type { Person, Role } from '../../../src/core/team/team';
import { t } from '../../../src/core/i18n';
import { generateSop, previewLine, previewSummary, type GenerateOptions } from '../../../src/core/sop/generate';
import { fillPlaceholders, PLACEHOLDER_NAMES, shortDate } from '../../../src/core/sop/placeholders';
import type { SopTemplate, TemplateRow } from '../../../src/core/sop/template';
import { builtInTemplate } from '../../../src/core/sop/templates';

const day = (iso: string): DaySerial => {
  const serial = fromIso(iso);
  if (serial === null) throw new Error(`bad date in test: ${iso}`);
  return serial;
};
const person = (name: string, role: Role): Person => ({ name, role, email: '', color: '#4e79a7' });

const TEAM: Person[] = [
  person('林晓', 'operator'),
  person('周舟', 'operator'),
  person('陈默', 'advisor'),
  person('王蕾', 'advisor'),
  person('赵老师', 'lecturer'),
  person('孙悦', 'designer'),
  person('李班', 'headTeacher'),
  person('吴助', 'assistant'),
];

function generate(overrides: Partial<GenerateOptions> & { template: SopTemplate }) {
  return generateSop({ anchor: day('2026-12-14'), group: 'Java引流5群', cohort: '第12期', team: TEAM, lang: 'zh-CN', markCalendar: false, ...overrides });
}

function tinyTemplate(offsets: number[], role: Role = 'operator'): SopTemplate {
  const rows: TemplateRow[] = offsets.map((offset, i) => ({
    rowKey: `r${i}`,
    dayOffset: offset,
    time: '',
    phase: 'p',
    channel: 'group',
    item: `item ${i}`,
    detail: '',
    script: '',
    materials: '',
    role,
  }));
  return { id: 'tiny', name: 'tiny', code: 'TI', anchorKind: 'eventDay', phases: ['p'], rows };
}

describe('generateSop', () => {
  test('dates are anchor + offset, across the year end (anchor 2026-12-28, offsets −3..+7)', () => {
    const { rows } = generate({ template: tinyTemplate([-3, 0, 3, 4, 5, 7]), anchor: day('2026-12-28') });
    expect(rows.map((r) => toIso(r.date as number))).toEqual(['2026-12-25', '2026-12-28', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-04']);
    // 2027-01-01 is a Friday, 2026-12-25 a Friday, 2027-01-04 a Monday.
    expect(rows.map((r) => r.weekday)).toEqual(['周五', '周一', '周四', '周五', '周六', '周一']);
  });

  test('dates cross month ends and leap days', () => {
    const { rows } = generate({ template: tinyTemplate([0, 4, 5]), anchor: day('2028-02-25'), lang: 'en' });
    expect(rows.map((r) => toIso(r.date as number))).toEqual(['2028-02-25', '2028-02-29', '2028-03-01']);
    expect(rows.map((r) => r.weekday)).toEqual(['Fri', 'Tue', 'Wed']);
  });

  test('big-class-28d from camp start 2026-12-14 runs from 2026-12-07 to 2027-01-03, sorted by date then time', () => {
    const template = builtInTemplate('big-class-28d', 'zh-CN');
    const { rows } = generate({ template });
    expect(rows).toHaveLength(template.rows.length);
    expect(toIso(rows[0].date as number)).toBe('2026-12-07');
    expect(toIso(rows[rows.length - 1].date as number)).toBe('2027-01-03');
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      expect((a.date as number) < (b.date as number) || (a.date === b.date && a.time <= b.time)).toBe(true);
    }
    for (const row of rows) {
      const source = template.rows.find((r) => r.rowKey === row.rowKey);
      expect(row.date).toBe(day('2026-12-14') + (source?.dayOffset ?? NaN));
    }
  });

  test('the status starts as 未开始 / Not started', () => {
    const template = builtInTemplate('live-class', 'zh-CN');
    expect(new Set(generate({ template }).rows.map((r) => r.status))).toEqual(new Set(['未开始']));
    expect(new Set(generate({ template, lang: 'en' }).rows.map((r) => r.status))).toEqual(new Set(['Not started']));
  });

  test('several groups spread over the people of a role in turn (group i gets person i mod n)', () => {
    const template = builtInTemplate('conversion-7d', 'zh-CN');
    const ownersOf = (groupIndex: number, role: Role) =>
      new Set(
        generate({ template, groupIndex })
          .rows.filter((r) => r.role === role)
          .map((r) => r.owner),
      );
    expect([0, 1, 2, 3, 4].map((i) => [...ownersOf(i, 'operator')])).toEqual([['林晓'], ['周舟'], ['林晓'], ['周舟'], ['林晓']]);
    expect([0, 1, 2].map((i) => [...ownersOf(i, 'lecturer')])).toEqual([['赵老师'], ['赵老师'], ['赵老师']]);
    expect([0, 1].map((i) => [...ownersOf(i, 'advisor')])).toEqual([['陈默'], ['王蕾']]);
  });

  test('a role → person choice overrides the team for that role only', () => {
    const template = builtInTemplate('conversion-7d', 'zh-CN');
    const { rows } = generate({ template, groupIndex: 1, assignments: { operator: '外援小刘', advisor: '  ' } });
    for (const row of rows) {
      if (row.role === 'operator') expect(row.owner).toBe('外援小刘');
      if (row.role === 'advisor') expect(row.owner).toBe('王蕾');
      expect(row.generatedOwner).toBe(row.owner);
    }
  });

  test('a role nobody has leaves the owner blank and says so once, with the row count', () => {
    const template = builtInTemplate('big-class-28d', 'zh-CN');
    const team = TEAM.filter((p) => p.role !== 'designer' && p.role !== 'assistant');
    const { rows, warnings } = generate({ template, team });
    const designerRows = template.rows.filter((r) => r.role === 'designer').length;
    const assistantRows = template.rows.filter((r) => r.role === 'assistant').length;
    expect(designerRows).toBeGreaterThan(0);
    for (const row of rows) if (row.role === 'designer' || row.role === 'assistant') expect(row.owner).toBe('');
    expect(warnings).toEqual(
      expect.arrayContaining([
        { code: 'sop.warning.noPersonForRole', params: { role: '设计', count: designerRows } },
        { code: 'sop.warning.noPersonForRole', params: { role: '助教', count: assistantRows } },
      ]),
    );
    const roleWarnings = (list: typeof warnings) => list.filter((w) => w.code === 'sop.warning.noPersonForRole');
    expect(roleWarnings(warnings)).toHaveLength(2);
    expect(roleWarnings(generate({ template }).warnings)).toEqual([]);
  });

  describe('rows on a legal holiday or 除夕', () => {
    test('each row on 国庆 is flagged with its date, weekday, item and the holiday; the days before and after it are not', () => {
      // 国庆 2026 is off from 10-01 to 10-07.
      const { warnings } = generate({ template: tinyTemplate([-1, 0, 2, 7]), anchor: day('2026-10-01') });
      expect(warnings).toEqual([
        { code: 'sop.warning.onHoliday', params: { date: '2026-10-01', weekday: '周四', item: 'item 1', holiday: '国庆节' } },
        { code: 'sop.warning.onHoliday', params: { date: '2026-10-03', weekday: '周六', item: 'item 2', holiday: '国庆节' } },
      ]);
      expect(t('zh-CN', warnings[0].code, warnings[0].params)).toBe(
        '2026-10-01（周四）是国庆节：「item 1」排在这一天，节假日很多人不看群，请确认照常执行还是换个日期。',
      );
    });

    test('除夕 is named as 除夕, and a make-up workday (班) or an ordinary weekend is not flagged', () => {
      // 2026-02-14 is a 春节 make-up Saturday, 02-16 is 除夕, 02-28 an ordinary Saturday.
      const { warnings } = generate({ template: tinyTemplate([0, 2, 14]), anchor: day('2026-02-14'), lang: 'en' });
      expect(warnings.map((w) => w.params)).toEqual([{ date: '2026-02-16', weekday: 'Mon', item: 'item 1', holiday: "Chinese New Year's Eve" }]);
      expect(t('en', warnings[0].code, warnings[0].params)).toBe(
        '2026-02-16 (Mon) is Chinese New Year\'s Eve: "item 1" falls on it, when many members are away from the group; check whether it goes ahead or move it.',
      );
    });

    test('an SOP reaching 2027 says its schedule is not published, and still flags 元旦 and 除夕 2027', () => {
      const { warnings } = generate({ template: tinyTemplate([0, 4, 41]), anchor: day('2026-12-28') });
      expect(warnings.map((w) => [w.code, w.params])).toEqual([
        ['sop.warning.unpublishedHolidays', { years: '2027' }],
        ['sop.warning.onHoliday', { date: '2027-01-01', weekday: '周五', item: 'item 1', holiday: '元旦' }],
        ['sop.warning.onHoliday', { date: '2027-02-07', weekday: '周日', item: 'item 2', holiday: '春节' }],
      ]);
      expect(t('zh-CN', warnings[0].code, warnings[0].params)).toBe(
        '2027 年的放假安排还没有公布：「节日/节气」列和节假日提醒只含法定假日，调休上班和连休以国务院公布的安排为准。',
      );
      expect(generate({ template: tinyTemplate([0, 40]), anchor: day('2027-12-01') }).warnings[0].params).toEqual({ years: '2027–2028' });
      expect(generate({ template: tinyTemplate([0, 3]), anchor: day('2026-12-01') }).warnings).toEqual([]);
    });
  });

  test('row IDs depend on the template and row key only: same for another anchor, group or language', () => {
    const zh = builtInTemplate('big-class-28d', 'zh-CN');
    const idsByKey = (rows: Array<{ rowKey: string; id: string }>) => Object.fromEntries(rows.map((r) => [r.rowKey, r.id]));
    const first = idsByKey(generate({ template: zh }).rows);
    expect(idsByKey(generate({ template: zh, anchor: day('2027-03-01'), group: '别的群', groupIndex: 3 }).rows)).toEqual(first);
    expect(idsByKey(generate({ template: builtInTemplate('big-class-28d', 'en'), lang: 'en' }).rows)).toEqual(first);
    expect(Object.values(first).every((id) => id.startsWith('B28-'))).toBe(true);
  });

  test('scripts get the group, cohort, dates (the row date and relative ones) and people filled in', () => {
    const template = builtInTemplate('conversion-7d', 'zh-CN');
    const { rows } = generate({ template, anchor: day('2026-12-28') });
    const notice = rows.find((r) => r.rowKey === 'd3-live-notice');
    // Day 3 is 2026-12-31; its {日期+2} is the live class on 2027-01-02.
    expect(notice?.script).toContain('1月2日 20:00，赵老师直播');
    const deadline = rows.find((r) => r.rowKey === 'd6-deadline');
    expect(deadline?.script).toContain('我是Java引流5群的课程顾问陈默～第12期的报名优惠');
    // The live class's offer ends at midnight on day 6 (2027-01-03), as the mass message that day says.
    expect(rows.find((r) => r.rowKey === 'd5-live')?.script).toContain('1月3日晚24点');
    const greeting = rows.find((r) => r.rowKey === 'd0-add-friends');
    expect(greeting?.script).toContain('课程顾问陈默');
    for (const row of rows) expect(row.script).not.toMatch(/\{(群名|期次|日期|讲师|顾问)[^}]*\}/);

    const en = generate({ template: builtInTemplate('conversion-7d', 'en'), anchor: day('2026-12-28'), lang: 'en' }).rows;
    expect(en.find((r) => r.rowKey === 'd3-live-notice')?.script).toContain('Jan 2 at 8 pm: 赵老师 on');
  });

  test('"{讲师}老师" reads right whether the team lists "赵明" or "赵老师"', () => {
    const template = builtInTemplate('conversion-7d', 'zh-CN');
    const withName = (name: string) =>
      generate({ template, team: [...TEAM.filter((p) => p.role !== 'lecturer'), person(name, 'lecturer')] }).rows.find((r) => r.rowKey === 'd1-share')?.script;
    expect(withName('赵明')).toContain('赵明老师在群里分享');
    expect(withName('赵老师')).toContain('，赵老师在群里分享');
  });

  test('a placeholder with nobody to fill it stays visible', () => {
    const template = builtInTemplate('conversion-7d', 'zh-CN');
    const { rows } = generate({ template, team: TEAM.filter((p) => p.role !== 'lecturer') });
    expect(rows.find((r) => r.rowKey === 'd1-share')?.script).toContain('{讲师}');
  });

  test('every placeholder the template tab advertises is filled, in both languages', () => {
    const personFor = (role: Role) => `<${role}>`;
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const name of PLACEHOLDER_NAMES[lang]) {
        const filled = fillPlaceholders(`[{${name}}]`, {
          group: 'G',
          cohort: 'C',
          date: day('2026-12-07'),
          anchor: day('2026-12-10'),
          time: '20:00',
          personFor,
          lang,
        });
        expect({ name, filled: filled.includes('{') }).toEqual({ name, filled: false });
      }
    }
    const values = { group: 'G', cohort: 'C', date: day('2026-12-07'), anchor: day('2026-12-10'), time: '20:00', personFor, lang: 'zh-CN' as const };
    expect(fillPlaceholders('{日期-7}{date+25}{锚点日}{讲师}{headTeacher}{未知}', values)).toBe('11月30日1月1日12月10日<lecturer><headTeacher>{未知}');
  });

  test('shortDate writes M月D日 and "Mon D"', () => {
    expect(shortDate(day('2026-12-07'), 'zh-CN')).toBe('12月7日');
    expect(shortDate(day('2026-12-07'), 'en')).toBe('Dec 7');
    expect(shortDate(day('2027-01-31'), 'en')).toBe('Jan 31');
  });

  describe('the 节日/节气 column', () => {
    const bigClass = builtInTemplate('big-class-28d', 'zh-CN');
    const labelOn = (rows: Array<{ date: number | null; calendar: string }>, iso: string) => rows.find((r) => r.date === day(iso))?.calendar;

    test('marks solar terms and festivals from the calendar when asked', () => {
      const zh = generate({ template: bigClass, markCalendar: true }).rows;
      expect(labelOn(zh, '2026-12-22')).toBe('冬至');
      expect(labelOn(zh, '2027-01-01')).toContain('元旦');
      expect(labelOn(zh, '2026-12-10')).toBe('');
      const en = generate({ template: builtInTemplate('big-class-28d', 'en'), lang: 'en', markCalendar: true }).rows;
      expect(labelOn(en, '2026-12-22')).toBe('Winter Solstice');
      expect(labelOn(en, '2027-01-01')).toContain("New Year's Day");
    });

    test('marks legal holidays (休) and make-up workdays (班)', () => {
      const promo = builtInTemplate('promo-flash', 'zh-CN');
      const national = generate({ template: promo, anchor: day('2026-10-01'), markCalendar: true }).rows;
      expect(labelOn(national, '2026-10-01')).toBe('国庆节（休）');
      const spring = generate({ template: promo, anchor: day('2026-02-21'), markCalendar: true }).rows;
      expect(labelOn(spring, '2026-02-14')).toBe('春节调休（班）');
      const en = generate({ template: builtInTemplate('promo-flash', 'en'), anchor: day('2026-10-01'), lang: 'en', markCalendar: true }).rows;
      expect(labelOn(en, '2026-10-01')).toBe('National Day (day off)');
    });

    test('stays empty when not asked', () => {
      expect(generate({ template: bigClass }).rows.every((r) => r.calendar === '')).toBe(true);
    });
  });

  test('the preview line: rows, first and last date, distinct executors', () => {
    const template = builtInTemplate('big-class-28d', 'en');
    const team = [person('Lin', 'operator'), person('Zhao', 'lecturer'), person('Chen', 'advisor')];
    const { rows } = generate({ template, team, lang: 'en' });
    const summary = previewSummary(rows);
    expect(summary).toEqual({ rows: template.rows.length, first: day('2026-12-07'), last: day('2027-01-03'), owners: 3 });
    expect(previewLine(summary, 'en')).toBe(`${template.rows.length} rows · 2026-12-07 → 2027-01-03 · 3 executors`);
    expect(previewLine(summary, 'zh-CN')).toBe(`${template.rows.length} 行 · 2026-12-07 → 2027-01-03 · 3 位执行人`);
    expect(previewLine({ rows: 1, first: null, last: null, owners: 1 }, 'en')).toBe('1 row · — → — · 1 executor');
  });
});
