import {
  ACTIVITY_FIELDS,
  ACTIVITY_SCHEMA,
  activitiesOn,
  activityRowCells,
  buildActivityListTab,
  convertPastedList,
  DEFAULT_LIST_LAYOUT,
  keptListLines,
  looksLikeActivityList,
  parseActivityStatus,
  parseActivityType,
  readActivityGrid,
  type ActivityRow,
} from '../../../src/core/calendar/activities';
import { AppError, formatError } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { planTableLayout } from '../../../src/core/tab/layers';
import type { CellValue } from '../../../src/core/tab/spec';
import { readExistingTable } from '../../../src/core/table/existing';
import { ownerDropdown } from '../../../src/core/team/tab';
import { readTeamGrid } from '../../../src/core/team/team';
import { d, sampleActivities, sampleGrid, teamGrid } from './sample';
import { problemsOf } from '../../support/problems';

describe('reading the activity list', () => {
  test('the sample December list reads into eight activities with types, dates, owners and groups', () => {
    const activities = sampleActivities();
    expect(activities.map((a) => [a.name, a.type])).toEqual([
      ['JAVA入门3天训练营(12期)', 'camp'],
      ['高薪就业直播公开课', 'marketingClass'],
      ['双12限时拼团', 'promotion'],
      ['学习需求调研表单', 'survey'],
      ['JAVA入门3天训练营(13期)', 'camp'],
      ['冬至秒杀快闪群', 'promotion'],
      ['学员转行案例分享直播', 'marketingClass'],
      ['朋友圈就业战报', 'dailyContent'],
    ]);
    const camp = activities[0];
    expect(camp).toEqual({
      name: 'JAVA入门3天训练营(12期)',
      type: 'camp',
      typeText: '训练营',
      start: d('2026-12-01'),
      end: d('2026-12-03'),
      owner: '林晓',
      targetGroups: ['Java引流5群', 'Java引流6群'],
      goal: '到课率≥40%',
      status: null,
    });
    // The sample's team names every owner of the list.
    const team = readTeamGrid(teamGrid()).map((p) => p.name);
    expect(activities.every((a) => team.includes(a.owner))).toBe(true);
  });

  test('an English list with serial dates, a blank end (one day), a status and a title row above the header', () => {
    const { activities, layout } = readActivityGrid([
      ['December plan'],
      ['Status', 'Name', 'Type', 'Start', 'End', 'Owner', 'Target groups'],
      ['draft', 'Live class', 'marketing class', d('2026-12-05'), null, 'Zhao', 'Group A, Group B'],
      [null, null, null, null, null, null, null],
      ['cancelled', 'Flash sale', 'promotion', '2026/12/12', '2026年12月13日', '', ''],
    ]);
    expect(layout.headerRow).toBe(1);
    expect(layout.columns).toEqual({ name: 1, type: 2, start: 3, end: 4, owner: 5, targetGroups: 6, goal: -1, status: 0 });
    expect(activities.map((a) => [a.name, a.type, a.start, a.end, a.status, a.targetGroups])).toEqual([
      ['Live class', 'marketingClass', d('2026-12-05'), d('2026-12-05'), 'draft', ['Group A', 'Group B']],
      ['Flash sale', 'promotion', d('2026-12-12'), d('2026-12-13'), 'cancelled', []],
    ]);
  });

  test('types, statuses and groups are recognised in both languages', () => {
    expect(['训练营', '营销课', '公开课', '调研表单', '促销活动', '日常产出', '其他'].map(parseActivityType)).toEqual([
      'camp',
      'marketingClass',
      'openClass',
      'survey',
      'promotion',
      'dailyContent',
      'other',
    ]);
    expect(['Camp', 'Marketing class', 'open class', 'SURVEY', 'promotion', 'daily content', 'other'].map(parseActivityType)).toEqual([
      'camp',
      'marketingClass',
      'openClass',
      'survey',
      'promotion',
      'dailyContent',
      'other',
    ]);
    expect(parseActivityType('webinar')).toBeNull();
    expect(['草稿', 'draft', '计划中', '进行中', 'In progress', '已完成', '已取消', 'Cancelled'].map(parseActivityStatus)).toEqual([
      'draft',
      'draft',
      'planned',
      'inProgress',
      'inProgress',
      'done',
      'cancelled',
      'cancelled',
    ]);
    expect(parseActivityStatus('取消了')).toBeNull();
  });

  test('every mistake is reported with its row and column, and no activity is returned', () => {
    const problems = problemsOf(() =>
      readActivityGrid(
        [
          ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '状态'],
          ['好活动', '训练营', '2026-12-01', '2026-12-03', '林晓', '', '', ''],
          ['', '营销课', '2026-12-05', '', '', '', '', ''],
          ['坏类型', '直播带货', '2026-12-05', '', '', '', '', ''],
          ['坏日期', '营销课', '12月5号', '', '', '', '', ''],
          ['倒序', '营销课', '2026-12-05', '2026-12-04', '', '', '', ''],
          ['坏状态', '营销课', '2026-12-05', '', '', '', '', '搁置'],
          ['没有开始', '营销课', '', '', '', '', '', ''],
        ],
        { tab: '活动清单' },
      ),
    );
    expect(problems.map((p) => [p.code, p.location?.row, p.location?.column, p.location?.columnName])).toEqual([
      ['calendar.error.nameMissing', 3, 0, '活动名称'],
      ['calendar.error.typeUnknown', 4, 1, '类型'],
      ['error.invalidDate', 5, 2, '开始日期'],
      ['calendar.error.endBeforeStart', 6, 3, '结束日期'],
      ['calendar.error.statusUnknown', 7, 7, '状态'],
      ['calendar.error.startMissing', 8, 2, '开始日期'],
    ]);
    const message = formatError(new AppError(problems[1]), translator('zh-CN'));
    expect(message).toBe('「活动清单」 第 4 行 B 列（类型）：无法识别的类型“直播带货”，应为：训练营、营销课、公开课、调研表单、促销活动、日常产出、其他。');
  });

  test('a list without a name, type or start column says which column is missing', () => {
    const problems = problemsOf(() =>
      readActivityGrid(
        [
          ['Name', 'Owner'],
          ['x', 'y'],
        ],
        { lang: 'en' },
      ),
    );
    expect(problems.map((p) => [p.code, p.params])).toEqual([
      ['calendar.error.missingColumn', { column: 'Type' }],
      ['calendar.error.missingColumn', { column: 'Start' }],
    ]);
    expect(problemsOf(() => readActivityGrid([['hello'], ['world']])).map((p) => p.code)).toEqual(['calendar.error.noHeader']);
  });

  test('a cancelled activity covers no day; the others cover start to end', () => {
    const base: ActivityRow = { name: 'a', type: 'camp', start: d('2026-12-01'), end: d('2026-12-03'), owner: '', targetGroups: [], goal: '', status: null };
    const list = [base, { ...base, name: 'b', status: 'cancelled' as const }];
    expect(activitiesOn(list, d('2026-12-02')).map((a) => a.name)).toEqual(['a']);
    expect(activitiesOn(list, d('2026-12-04'))).toEqual([]);
  });
});

describe('the activity list tab', () => {
  test('headers, dropdowns (owner from the Team tab), date formats, marker and note', () => {
    const tab = buildActivityListTab('zh-CN', '团队');
    expect(tab.name).toBe('活动清单');
    expect(tab.marker).toEqual({ kind: 'activities', key: { list: '' } });
    expect(tab.rows[0]).toEqual(['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '状态']);
    expect(tab.columns.map((c) => c.format)).toEqual(['text', 'text', 'date', 'date', 'text', 'text', 'text', 'text']);
    expect(tab.frozenRows).toBe(1);
    const rules = (tab.validations ?? []).map((v) => [v.range.col, v.range.row, v.rule]);
    expect(ownerDropdown('团队')).toMatchObject({ type: 'listFromRange', tab: '团队' });
    expect(rules).toEqual([
      [1, 1, { type: 'list', values: ['训练营', '营销课', '公开课', '调研表单', '促销活动', '日常产出', '其他'], strict: true }],
      [4, 1, ownerDropdown('团队')],
      [7, 1, { type: 'list', values: ['草稿', '计划中', '进行中', '已完成', '已取消'], strict: true }],
    ]);
    expect(tab.conditionalFormats?.map((cf) => cf.formula)).toEqual(['=OR($H2="草稿",$H2="draft")', '=OR($H2="已取消",$H2="cancelled")']);
    expect(tab.notes?.[0]).toMatchObject({ row: 0, col: 0 });
    // The 500 prepared rows are in the grid, blank, as the sheet shows them under the dropdowns.
    expect(tab.rows).toHaveLength(501);
    expect(tab.rows.slice(1).every((row) => row.length === 0)).toBe(true);
  });

  test('rows written to the tab read back as the same activities', () => {
    const activities = sampleActivities();
    const tab = buildActivityListTab('en', 'Team', activities);
    expect(tab.rows[0][0]).toBe('Name');
    expect(tab.rows[1]).toEqual(['JAVA入门3天训练营(12期)', 'camp', d('2026-12-01'), d('2026-12-03'), '林晓', 'Java引流5群, Java引流6群', '到课率≥40%', null]);
    const back = readActivityGrid(tab.rows as never).activities;
    expect(back.map(({ typeText, ...rest }) => rest)).toEqual(activities.map(({ typeText, ...rest }) => rest));
  });

  test('drafts appended to a pasted list follow its own column order', () => {
    const { layout } = readActivityGrid([
      ['状态', '开始日期', '活动名称', '类型'],
      ['', '2026-12-01', 'x', '其他'],
    ]);
    const row: ActivityRow = {
      name: '大雪秒杀',
      type: 'promotion',
      start: d('2026-12-07'),
      end: d('2026-12-07'),
      owner: '陈默',
      targetGroups: [],
      goal: '',
      status: 'draft',
    };
    expect(activityRowCells(row, 'zh-CN', layout)).toEqual(['草稿', d('2026-12-07'), '大雪秒杀', '促销活动']);
    expect(activityRowCells(row, 'zh-CN', DEFAULT_LIST_LAYOUT)).toEqual(['大雪秒杀', '促销活动', d('2026-12-07'), d('2026-12-07'), '陈默', '', '', '草稿']);
  });

  test('the sample grid reads the same whatever the order of its columns', () => {
    const grid = sampleGrid();
    const reversed = grid.map((row) => [...row].reverse());
    expect(readActivityGrid(reversed).activities).toEqual(readActivityGrid(grid).activities);
  });
});

describe('regenerating a list and converting a pasted one', () => {
  const draft: ActivityRow = {
    name: '大雪秒杀',
    type: 'promotion',
    start: d('2026-12-07'),
    end: d('2026-12-07'),
    owner: '陈默',
    targetGroups: ['A群'],
    goal: '',
    status: 'draft',
  };

  /** What draftMonth does with a list tab it wrote before: read it back, keep its rows, lay the columns over it. */
  function regenerate(existing: CellValue[][], drafts: ActivityRow[], options: { name?: string } = {}) {
    const table = readExistingTable({ values: existing, formulas: [], notes: [] }, ACTIVITY_SCHEMA)!;
    const layout = planTableLayout(ACTIVITY_FIELDS, table.old, { oldRight: table.right });
    return { layout, tab: buildActivityListTab('zh-CN', '团队', drafts, { layout, kept: keptListLines(existing, table.old, layout), ...options }) };
  }

  test('regenerated with its rows, the list keeps every cell as read (aliases, text dates, blank rows) and appends below; a 备注 column stays the user’s', () => {
    const existing: CellValue[][] = [
      ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '状态', '备注'],
      ['老活动', '低价训练营', '2026/12/1', null, '林晓', 'A群;B群', null, '计划中', '别改我'],
      [null, null, null, null, null, null, null, null, null],
      ['另一行', 'camp', d('2026-12-09'), d('2026-12-11'), null, null, null, null, null],
    ];
    const { tab } = regenerate(existing, [draft], { name: '我的清单' });
    expect(tab.name).toBe('我的清单');
    // The add-on's cells of every kept row, exactly as read; the 备注 cells are not the add-on's to write.
    expect(tab.rows.slice(0, 4)).toEqual(existing.map((row) => [...row.slice(0, 8), null]));
    expect(tab.rows[4]).toEqual(['大雪秒杀', '促销活动', d('2026-12-07'), d('2026-12-07'), '陈默', 'A群', '', '草稿']);
    expect(tab.columns.map((c) => c.key)).toEqual(['name', 'type', 'start', 'end', 'owner', 'targetGroups', 'goal', 'status', 'user8']);
    expect(readActivityGrid(tab.rows as never).activities.map((a) => a.name)).toEqual(['老活动', '另一行', '大雪秒杀']);
  });

  test('a list whose header sits lower gets its dropdowns and frozen rows below that header; the columns it lacks come back after their neighbours', () => {
    const existing: CellValue[][] = [['12月排期'], ['状态', '开始日期', '活动名称', '类型'], ['', d('2026-12-01'), 'x', '其他']];
    const { tab, layout } = regenerate(existing, [draft]);
    expect(layout.columns).toEqual({ status: 0, start: 1, end: 2, owner: 3, targetGroups: 4, goal: 5, name: 6, type: 7 });
    expect(tab.rows[1]).toEqual(['状态', '开始日期', '结束日期', '负责人', '目标社群', '目标', '活动名称', '类型']);
    expect(tab.rows[3]).toEqual(['草稿', d('2026-12-07'), d('2026-12-07'), '陈默', 'A群', '', '大雪秒杀', '促销活动']);
    expect(tab.frozenRows).toBe(2);
    expect((tab.validations ?? []).map((v) => [v.range.row, v.range.col])).toEqual([
      [2, 7],
      [2, 3],
      [2, 0],
    ]);
    expect(tab.conditionalFormats?.[0].formula).toBe('=OR($A3="草稿",$A3="draft")');
  });

  test('a pasted list converted to our layout: known columns moved, unknown ones after ours, title rows dropped, types as the dropdown spells them', () => {
    const pasted = [
      ['我的排期'],
      ['开始日期', '活动名称', '类型', '渠道备注', '负责人'],
      ['2026-12-01', '直播', '直播课', '视频号', '赵老师'],
      [d('2026-12-03'), '调研', '调研表单', null, null],
    ];
    const converted = convertPastedList(pasted, 'zh-CN');
    expect(converted).toEqual([
      ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '状态', '渠道备注'],
      // 直播课 is an alias of 营销课: the strict type dropdown of our list takes only its labels.
      ['直播', '营销课', '2026-12-01', null, '赵老师', null, null, null, '视频号'],
      ['调研', '调研表单', d('2026-12-03'), null, null, null, null, null, null],
    ]);
    expect(readActivityGrid(converted).activities.map((a) => [a.name, a.type])).toEqual(readActivityGrid(pasted).activities.map((a) => [a.name, a.type]));
  });

  test('in an English session a Chinese list is copied with English types and statuses; unknown words stay as typed', () => {
    const pasted = [
      ['活动名称', '类型', '开始日期', '状态'],
      ['直播', '营销课', '2026-12-01', '已取消'],
      ['打卡', '训练营', '2026-12-02', '进行中'],
      ['其它事', '自定义', '2026-12-03', '随便'],
    ];
    const converted = convertPastedList(pasted, 'en');
    expect(converted.slice(1).map((row) => [row[1], row[7]])).toEqual([
      ['marketing class', 'cancelled'],
      ['camp', 'in progress'],
      ['自定义', '随便'],
    ]);
    const list = buildActivityListTab('en', null);
    const typeRule = list.validations?.find((v) => v.rule.type === 'list' && v.rule.values.includes('camp'))?.rule;
    expect(typeRule?.type === 'list' && converted.slice(1, 3).every((row) => typeRule.values.includes(String(row[1])))).toBe(true);
  });

  test('which grids look like an activity list', () => {
    expect(looksLikeActivityList(sampleGrid())).toBe(true);
    expect(
      looksLikeActivityList([
        ['群', '群人数'],
        ['A', 3],
      ]),
    ).toBe(false);
    expect(looksLikeActivityList([['活动名称', '负责人']])).toBe(false);
  });
});
