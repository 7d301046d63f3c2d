import { fromIso, type DaySerial } from '../../../src/core/dates';
import type { Person } from '../../../src/core/team/team';
import { generateSop } from '../../../src/core/sop/generate';
import { listTemplates, sopToJson } from '../../../src/core/sop/json';
import { builtInTemplate } from '../../../src/core/sop/templates';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;
const TEAM: Person[] = [{ name: '林晓', role: 'operator', email: '', color: '#4e79a7' }];

describe('CLI JSON', () => {
  test('sop --json: template, anchor and rows with the fields of the issue', () => {
    const template = builtInTemplate('live-class', 'zh-CN');
    const { rows } = generateSop({ template, anchor: day('2026-12-31'), group: 'G', cohort: 'C', team: TEAM, lang: 'zh-CN', markCalendar: false });
    const json = sopToJson(template, day('2026-12-31'), rows);
    expect(json.template).toBe('live-class');
    expect(json.anchor).toBe('2026-12-31');
    expect(json.rows).toHaveLength(template.rows.length);
    for (const row of json.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['channel', 'date', 'detail', 'id', 'item', 'materials', 'owner', 'phase', 'role', 'script', 'status', 'time'].sort(),
      );
      expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(json.rows[0]).toMatchObject({ date: '2026-12-28', time: '10:00', channel: '朋友圈', role: 'designer', owner: '', status: '未开始' });
    expect(json.rows[json.rows.length - 1]).toMatchObject({ date: '2027-01-01', role: 'operator', owner: '林晓' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('templates --json: ids, names and spans in the language asked', () => {
    const zh = listTemplates('zh-CN');
    expect(zh.map((t) => t.id)).toEqual(['conversion-7d', 'big-class-28d', 'camp-3d', 'live-class', 'promo-flash', 'moments-daily', 'retention-monthly']);
    expect(zh.find((t) => t.id === 'big-class-28d')).toMatchObject({
      name: '28天大课',
      anchorKind: 'campStart',
      anchorLabel: '开营日',
      span: { first: -7, last: 20, days: 28 },
      phases: ['营前', '营中', '营后'],
    });
    expect(zh.find((t) => t.id === 'conversion-7d')).toMatchObject({ anchorLabel: '建群日', span: { first: 0, last: 6, days: 7 } });
    expect(zh.find((t) => t.id === 'live-class')?.span).toEqual({ first: -3, last: 1, days: 5 });
    const en = listTemplates('en');
    expect(en.find((t) => t.id === 'live-class')).toMatchObject({ name: 'Live open class', anchorLabel: 'live day' });
  });
});
