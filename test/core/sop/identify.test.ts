import * as fc from 'fast-check';
import { fromIso, type DaySerial } from '../../../src/core/dates';
import { generateSop } from '../../../src/core/sop/generate';
import { identifySopTab, templateFromSopTab } from '../../../src/core/sop/identify';
import { buildSopTab } from '../../../src/core/sop/tab';
import { rowIds, type SopTemplate } from '../../../src/core/sop/template';
import { builtInTemplate, builtInTemplateIds, builtInTemplates } from '../../../src/core/sop/templates';
import { cellValue, type CellValue } from '../../../src/core/tab/spec';
import type { Person } from '../../../src/core/team/team';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;
const TEAM: Person[] = [
  { name: '林晓', role: 'operator', email: '', color: '#4e79a7' },
  { name: '赵老师', role: 'lecturer', email: '', color: '#59a14f' },
  { name: '吴助', role: 'assistant', email: '', color: '#76b7b2' },
];

function grid(template: SopTemplate, anchor: DaySerial, group = 'Java引流5群', cohort = '第12期', teamTabName: string | null = '团队'): CellValue[][] {
  const { rows } = generateSop({ template, anchor, group, cohort, team: TEAM, lang: 'zh-CN', markCalendar: false });
  const spec = buildSopTab({
    rows,
    group,
    cohort,
    template,
    anchor,
    lang: 'zh-CN',
    teamTabName,
    markCalendar: false,
    today: anchor,
    generatedAt: '2026-12-01 09:00',
  });
  const width = Math.max(...spec.rows.map((r) => r.length));
  return spec.rows.map((r) => Array.from({ length: width }, (_, c) => cellValue(r[c])));
}

describe('identifySopTab', () => {
  test('any built-in template at any anchor is recognised from its row IDs and dates', () => {
    const all = builtInTemplates('zh-CN');
    fc.assert(
      fc.property(fc.constantFrom(...builtInTemplateIds()), fc.integer({ min: day('2020-01-01'), max: day('2035-12-31') }), (id, anchor) => {
        const identity = identifySopTab(grid(builtInTemplate(id, 'zh-CN'), anchor), all);
        expect(identity.template?.id).toBe(id);
        expect(identity.anchor).toBe(anchor);
      }),
      { numRuns: 40 },
    );
  });

  test('rows people moved by hand do not outvote the rest; a tab of unknown IDs is not recognised', () => {
    const template = builtInTemplate('big-class-28d', 'zh-CN');
    const tab = grid(template, day('2026-12-14'));
    for (const r of [1, 2, 3]) tab[r][1] = (tab[r][1] as number) + 5;
    expect(identifySopTab(tab, builtInTemplates('zh-CN'))).toMatchObject({ anchor: day('2026-12-14'), matched: template.rows.length });
    const foreign = tab.map((row, r) => (r === 0 ? row : [`X-${r}`, ...row.slice(1)]));
    expect(identifySopTab(foreign, builtInTemplates('zh-CN'))).toEqual({ template: null, anchor: null, matched: 0 });
    expect(identifySopTab([['随便'], ['什么']], builtInTemplates('zh-CN')).template).toBeNull();
  });
});

describe('templateFromSopTab', () => {
  test('rows become actions at their offset from the anchor, keeping the base template’s keys and roles; names become placeholders', () => {
    const base = builtInTemplate('conversion-7d', 'zh-CN');
    const anchor = day('2026-12-28');
    const tab = grid(base, anchor);
    const header = tab[0].map(String);
    const col = (name: string) => header.indexOf(name);
    // Someone re-timed a row to the next day and added one by hand on day 9 (into the next year).
    tab[1][col('日期')] = (tab[1][col('日期')] as number) + 1;
    const added = Array<CellValue>(header.length).fill(null);
    added[col('日期')] = anchor + 9;
    added[col('渠道')] = '私聊';
    added[col('事项')] = '回访Java引流5群没下单的人';
    added[col('执行人')] = '吴助';
    tab.push(added);
    const template = templateFromSopTab(tab, {
      id: 'copy',
      name: '副本',
      code: base.code,
      anchor,
      base,
      team: TEAM,
      group: 'Java引流5群',
      cohort: '第12期',
      lang: 'zh-CN',
    });

    expect(template.rows).toHaveLength(base.rows.length + 1);
    const firstId = String(tab[1][0]);
    const firstKey = [...rowIds(base)].find(([, id]) => id === firstId)![0];
    const moved = template.rows.find((r) => r.rowKey === firstKey)!;
    expect(moved.dayOffset).toBe(base.rows.find((r) => r.rowKey === firstKey)!.dayOffset + 1);
    expect(moved.role).toBe(base.rows.find((r) => r.rowKey === firstKey)!.role);
    const extra = template.rows.find((r) => r.item === '回访{群名}没下单的人')!;
    expect(extra).toMatchObject({ dayOffset: 9, channel: 'private', role: 'assistant', rowKey: 'd9-回访Java引流5群没下单的人' });
    expect(template.rows.some((r) => `${r.item}${r.script}`.includes('Java引流5群'))).toBe(false);
    // Generated again, the copy gives the rows the same IDs as the built-in.
    const baseIds = new Set(rowIds(base).values());
    expect([...rowIds(template).values()].filter((id) => baseIds.has(id))).toHaveLength(base.rows.length);
  });
});

test('with no Team tab and nobody to name, the owner column gets no dropdown (an empty list is refused by Sheets)', () => {
  const empty = generateSop({
    template: builtInTemplate('camp-3d', 'zh-CN'),
    anchor: day('2026-12-14'),
    group: 'A',
    cohort: '',
    team: [],
    lang: 'zh-CN',
    markCalendar: false,
  });
  const spec = buildSopTab({
    rows: empty.rows,
    group: 'A',
    cohort: '',
    template: builtInTemplate('camp-3d', 'zh-CN'),
    anchor: day('2026-12-14'),
    lang: 'zh-CN',
    teamTabName: null,
    markCalendar: false,
    today: day('2026-12-14'),
    generatedAt: '',
  });
  expect(spec.name).toBe('SOP·A');
  expect(spec.validations).toHaveLength(1);
  expect(spec.validations![0].rule).toMatchObject({ type: 'list', values: expect.arrayContaining(['已完成']) });
});
