import { AppError, formatError } from '../../../src/core/errors';
import { LANGS, translator, type Lang } from '../../../src/core/i18n';
import { cellValue, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { buildTemplateTab, readTemplateTab } from '../../../src/core/sop/template-tab';
import { codeForTemplateId } from '../../../src/core/sop/template';
import { builtInTemplate, builtInTemplateIds } from '../../../src/core/sop/templates';
import { problemsOf } from '../../support/problems';

const grid = (spec: TabSpec): CellValue[][] => {
  const width = Math.max(...spec.rows.map((r) => r.length));
  return spec.rows.map((r) => Array.from({ length: width }, (_, c) => cellValue(r[c])));
};

describe('template tabs', () => {
  test.each(LANGS.flatMap((lang) => builtInTemplateIds().map((id) => [id, lang] as [string, Lang])))('%s (%s) round-trips through its tab', (id, lang) => {
    const template = builtInTemplate(id, lang);
    const spec = buildTemplateTab(template, lang);
    expect(readTemplateTab(grid(spec), spec.name)).toEqual(template);
  });

  test('the tab is named and marked after the template, with a frozen header and dropdowns', () => {
    const template = builtInTemplate('big-class-28d', 'zh-CN');
    const spec = buildTemplateTab(template, 'zh-CN');
    expect(spec.name).toBe('SOP模板·28天大课');
    expect(spec.marker).toEqual({ kind: 'sop-template', key: { template: 'big-class-28d' } });
    expect(spec.frozenRows).toBe(2);
    expect(grid(spec)[1].slice(0, 10)).toEqual(['行键', '第N天', '时间', '阶段', '渠道', '事项', '具体事项', '话术', '素材', '角色']);
    expect(grid(spec)[0].slice(0, 6)).toEqual(['模板ID', 'big-class-28d', '锚点日', '开营日', '编号前缀', 'B28']);
    const lists = (spec.validations ?? []).map((v) => (v.rule.type === 'list' ? v.rule.values : []));
    expect(lists).toContainEqual(['社群', '群公告', '群发', '朋友圈', '私聊', '直播', '服务号', '公众号']);
    expect(lists).toContainEqual(['社群运营', '课程顾问', '讲师IP', '班主任', '助教', '设计', '其他']);
    expect(lists).toContainEqual(['开营日', '直播日', '建群日', '活动日']);
    expect(buildTemplateTab(builtInTemplate('live-class', 'en'), 'en').name).toBe('SOP template·Live open class');
    expect(spec.notes?.[0].text).toContain('{群名} {期次} {日期}');
  });

  test('a tab edited by hand: typed times and offsets in the forms people type, keys made for new rows', () => {
    const spec = buildTemplateTab(builtInTemplate('live-class', 'zh-CN'), 'zh-CN');
    const cells = grid(spec);
    const width = cells[0].length;
    const line = (values: CellValue[]): CellValue[] => [...values, ...new Array(width - values.length).fill(null)];
    cells.push(line([null, '−2', '8:30', '预热', 'Moments', '补发海报', null, null, null, 'designer']));
    cells.push(line([null, '３', null, '跟进', '私聊', '回访', null, null, null, '顾问']));
    cells.push(line([null, 3, '', '跟进', '私聊', '回访', null, null, null, '课程顾问']));
    cells.push(line(new Array(width).fill(null)));
    cells[0][5] = 'lc';
    const template = readTemplateTab(cells, spec.name);
    const added = template.rows.slice(-3);
    expect(added.map((r) => [r.rowKey, r.dayOffset, r.time, r.channel, r.role])).toEqual([
      ['d-2-补发海报', -2, '08:30', 'moments', 'designer'],
      ['d3-回访', 3, '', 'private', 'advisor'],
      ['d3-回访#2', 3, '', 'private', 'advisor'],
    ]);
    expect(template.code).toBe('LC');
    expect(template.name).toBe('直播公开课');
  });

  test('a prefix that cannot start an ID falls back to one made from the template id', () => {
    const spec = buildTemplateTab(builtInTemplate('camp-3d', 'zh-CN'), 'zh-CN');
    const cells = grid(spec);
    cells[0][5] = '训练营';
    expect(readTemplateTab(cells, spec.name).code).toBe(codeForTemplateId('camp-3d'));
  });

  describe.each([
    [
      'zh-CN',
      [
        '第 4 行 B 列（第N天）',
        '第 5 行 E 列（渠道）',
        '第 6 行 J 列（角色）',
        '第 7 行 C 列（时间）',
        '第 8 行 F 列（事项）',
        '第 9 行 A 列（行键）',
        '第 1 行 D 列',
      ],
    ],
    [
      'en',
      [
        'row 4, column B (Day offset)',
        'row 5, column E (Channel)',
        'row 6, column J (Role)',
        'row 7, column C (Time)',
        'row 8, column F (Item)',
        'row 9, column A (Row key)',
        'row 1, column D',
      ],
    ],
  ] as const)('malformed cells in a %s tab', (lang, wheres) => {
    const spec = buildTemplateTab(builtInTemplate('conversion-7d', lang), lang);
    const cells = grid(spec);
    // Sheet rows 4..9 are data rows 2..7.
    cells[3][1] = 'abc';
    cells[4][4] = '微博';
    cells[5][9] = '老板';
    cells[6][2] = '25:00';
    cells[7][5] = null;
    cells[8][0] = cells[2][0];
    cells[0][3] = '明天';
    const problems = problemsOf(() => readTemplateTab(cells, spec.name));

    test('every one is reported at once, at its row and column', () => {
      expect(problems.map((p) => [p.code, p.location?.row, p.location?.column])).toEqual([
        ['sop.error.badAnchor', 1, 3],
        ['sop.error.badOffset', 4, 1],
        ['sop.error.badChannel', 5, 4],
        ['sop.error.badRole', 6, 9],
        ['sop.error.badTime', 7, 2],
        ['sop.error.missingItem', 8, 5],
        ['sop.error.duplicateKey', 9, 0],
      ]);
      for (const p of problems) expect(p.location?.tab).toBe(spec.name);
    });

    test('the messages say where, what was found and what is expected, in the language', () => {
      const text = formatError(new AppError(problems), translator(lang));
      for (const where of wheres) expect(text).toContain(where);
      expect(text).toContain('abc');
      expect(text).toContain('微博');
      expect(text).toContain('老板');
      expect(text).toContain('25:00');
      expect(text).toContain(lang === 'zh-CN' ? '朋友圈' : 'Moments');
      expect(text).toContain(lang === 'zh-CN' ? '讲师IP' : 'Lecturer (IP)');
    });
  });

  test('a tab without the template header, or without rows, is refused', () => {
    expect(problemsOf(() => readTemplateTab([['姓名', '角色']], 'Sheet1'))[0]).toMatchObject({
      code: 'sop.error.noTemplateHeader',
      location: { tab: 'Sheet1' },
    });
    const spec = buildTemplateTab(builtInTemplate('camp-3d', 'en'), 'en');
    expect(problemsOf(() => readTemplateTab(grid(spec).slice(0, 2), spec.name))[0].code).toBe('sop.error.emptyTemplate');
  });
});
