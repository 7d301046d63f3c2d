import { callApi } from '../../src/app/api';
import { getTeamState, saveSettings, saveTeam } from '../../src/app/team';
import { createLocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';
import { serialFromYmd } from '../../src/core/dates';

const today = serialFromYmd(2026, 11, 23);

describe('Team & settings through the use cases', () => {
  test('saving a team creates the Team tab, activates it, and tells the user', () => {
    const ctx = createLocalContext({ today });
    const result = saveTeam(ctx, [
      { name: '林晓', role: 'operator' },
      { name: '陈默', role: 'advisor', email: 'chenmo@example.com' },
    ]);
    expect(result.tab).toBe('团队');
    expect(ctx.workbook.activeTabName()).toBe('团队');
    expect(ctx.workbook.readTab('团队')).toEqual([
      ['姓名', '角色', '邮箱', '颜色'],
      ['林晓', '社群运营', null, result.people[0].color],
      ['陈默', '课程顾问', 'chenmo@example.com', result.people[1].color],
    ]);
    expect(ctx.ui.messages.map((m) => m.message)).toEqual(['已保存 2 位成员到「团队」']);
    expect(getTeamState(ctx).people.map((p) => p.name)).toEqual(['林晓', '陈默']);
  });

  test('saving again updates the same tab; edits made in the sheet are what the sidebar loads', () => {
    const ctx = createLocalContext({ today });
    saveTeam(ctx, [{ name: '林晓', role: 'operator' }]);
    ctx.workbook.setCell('团队', 1, 3, '#123456');
    expect(getTeamState(ctx).people[0].color).toBe('#123456');
    saveTeam(ctx, [
      { name: '林晓', role: 'operator', color: '#123456' },
      { name: '周舟', role: 'operator' },
    ]);
    expect(ctx.workbook.listTabs().filter((t) => t.marker?.kind === 'team')).toHaveLength(1);
    expect(ctx.workbook.readTab('团队')).toHaveLength(3);
  });

  test('a 电话 column and notes people added to the Team tab stay with their person when the team is saved again', () => {
    const ctx = createLocalContext({ today });
    saveTeam(ctx, [
      { name: '林晓', role: 'operator' },
      { name: '陈默', role: 'advisor' },
      { name: '周舟', role: 'operator' },
    ]);
    ctx.workbook.insertColumns('团队', 2);
    ctx.workbook.setCell('团队', 0, 2, '电话');
    ctx.workbook.setCell('团队', 1, 2, '138 0000 0001');
    ctx.workbook.setCell('团队', 2, 2, '139 0000 0002');
    ctx.workbook.setNote('团队', 3, 0, '周舟下月调岗');
    ctx.ui.messages.length = 0;

    // The sidebar saves the team in a new order, with 陈默's role changed and a new person.
    saveTeam(ctx, [
      { name: '周舟', role: 'operator' },
      { name: '林晓', role: 'operator' },
      { name: '陈默', role: 'lecturer' },
      { name: '吴助', role: 'assistant' },
    ]);
    const grid = ctx.workbook.readTab('团队');
    expect(grid[0].slice(0, 5)).toEqual(['姓名', '角色', '电话', '邮箱', '颜色']);
    expect(grid.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['周舟', '社群运营', null],
      ['林晓', '社群运营', '138 0000 0001'],
      ['陈默', '讲师IP', '139 0000 0002'],
      ['吴助', '助教', null],
    ]);
    expect(ctx.workbook.tab('团队').spec.notes?.find((n) => n.row === 1 && n.col === 0)?.text).toBe('周舟下月调岗');
    expect(ctx.ui.messages.map((m) => m.message)).toEqual(['已保存 4 位成员到「团队」 · 你加的 4 处内容随行保留']);
    expect(ctx.workbook.listTabs().some((tab) => tab.hidden)).toBe(false);

    // Someone leaving the team takes their row with them; their 电话 goes to the hidden old version.
    saveTeam(ctx, [
      { name: '周舟', role: 'operator' },
      { name: '陈默', role: 'lecturer' },
    ]);
    const old = ctx.workbook.listTabs().find((tab) => tab.hidden);
    expect(old?.name).toMatch(/^团队 · 旧版 \d\d-\d\d$/);
    expect(ctx.workbook.readTab(old!.name)[2][2]).toBe('138 0000 0001');
    expect(
      ctx.workbook
        .readTab('团队')
        .slice(1)
        .map((row) => row.slice(0, 3)),
    ).toEqual([
      ['周舟', '社群运营', null],
      ['陈默', '讲师IP', '139 0000 0002'],
    ]);
  });

  test('a tab named 团队 that the add-on did not make is never overwritten', () => {
    const ctx = createLocalContext({ today });
    ctx.workbook.addPlainTab('团队', [['我的团队笔记'], ['别删我']]);
    const result = saveTeam(ctx, [{ name: '林晓', role: 'operator' }]);
    expect(result.tab).toBe('团队 (2)');
    expect(ctx.workbook.readTab('团队')).toEqual([['我的团队笔记'], ['别删我']]);
  });

  test('settings change the language of everything that follows', () => {
    const ctx = createLocalContext({ today, locale: 'zh_CN' });
    expect(saveSettings(ctx, { language: 'en', weekStart: 'sun' }).message).toBe('Settings saved');
    expect(getTeamState(ctx).lang).toBe('en');
    expect(saveTeam(ctx, [{ name: 'Ann', role: 'advisor' }]).tab).toBe('Team');
    expect(ctx.workbook.readTab('Team')[1]).toEqual(['Ann', 'Course advisor', null, expect.any(String)]);
  });

  test('the user’s locale decides the language when the setting is auto', () => {
    expect(getTeamState(createLocalContext({ locale: 'en_US' })).lang).toBe('en');
    expect(getTeamState(createLocalContext({ locale: 'zh_CN' })).roles[0]).toEqual({ key: 'operator', label: '社群运营' });
  });
});

describe('the API envelope the sidebar receives', () => {
  test('results are JSON-safe and errors carry rows and localized text', () => {
    const ctx = createLocalContext({ today, locale: 'en_US' });
    const ok = callApi(ctx, 'saveTeam', [[{ name: 'Ann', role: 'advisor' }]]);
    expect(ok.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(ok))).toEqual(ok);
    const bad = callApi(ctx, 'saveTeam', [[{ name: 'Ann' }, { name: 'Ann' }]]);
    expect(bad).toEqual({
      ok: false,
      error: {
        message: 'row 3: "Ann" appears twice; each name may appear only once.',
        problems: [{ text: 'row 3: "Ann" appears twice; each name may appear only once.', row: 3, column: undefined }],
      },
    });
  });

  test('unknown functions and prototype names are refused', () => {
    const ctx = createLocalContext();
    expect(callApi(ctx, 'toString', []).ok).toBe(false);
    expect(callApi(ctx, 'nope', []).ok).toBe(false);
  });

  test('a busy document gets the busy message', () => {
    const ctx = createLocalContext({ locale: 'zh_CN' });
    const response = ctx.workbook.withLock(() => callApi(ctx, 'saveTeam', [[{ name: 'A' }]]));
    expect(response).toMatchObject({ ok: false, error: { message: '另一个操作正在写入此表格，请稍后再试。' } });
  });
});

describe('the demo workbook', () => {
  test('starts with the sample team, the pasted samples and three past cohorts to review', () => {
    const ctx = createDemoContext({ today });
    expect(ctx.workbook.listTabs().map((t) => [t.name, t.marker?.kind ?? null])).toEqual([
      ['团队', 'team'],
      ['活动列表', null],
      ['推进表', null],
      ['群数据', null],
      ['各期数据', null],
      ['SOP·Java引流5群·第9期', 'sop'],
      ['SOP·Java引流5群·第10期', 'sop'],
      ['SOP·Java引流5群·第11期', 'sop'],
    ]);
    expect(getTeamState(ctx).people).toHaveLength(6);
    expect(ctx.workbook.readTab('群数据')[1]).toEqual(['Java引流1群', 260, 61, 40, 22, 3, 8800, 5200]);
    expect(ctx.workbook.readTab('活动列表')[1].slice(2, 4)).toEqual([serialFromYmd(2026, 12, 1), serialFromYmd(2026, 12, 3)]);
  });
});
