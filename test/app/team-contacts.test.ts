import { getTeamState, saveTeam } from '../../src/app/team';
import { serialFromYmd } from '../../src/core/dates';
import { createLocalContext } from '../../src/local/context';

const today = serialFromYmd(2026, 12, 3);

describe('contacts on the Team tab survive saving the team', () => {
  test('the sidebar saves without contacts: what was typed in the contact columns stays with each person', () => {
    const ctx = createLocalContext({ today });
    saveTeam(ctx, [
      { name: '林晓', role: 'operator', phone: '13800000001' },
      { name: '周舟', role: 'operator' },
    ]);
    expect(ctx.workbook.readTab('团队')[0]).toEqual(['姓名', '角色', '邮箱', '颜色', '手机号']);
    ctx.workbook.setCell('团队', 2, 4, '13900000002');

    // A sidebar (or a --team file) that knows nothing of phones reorders the team and adds someone.
    const saved = saveTeam(ctx, [
      { name: '周舟', role: 'operator' },
      { name: '陈默', role: 'advisor' },
      { name: '林晓', role: 'lecturer' },
    ]);
    const grid = ctx.workbook.readTab('团队');
    expect(grid.map((row) => [row[0], row[4]])).toEqual([
      ['姓名', '手机号'],
      ['周舟', '13900000002'],
      ['陈默', null],
      ['林晓', '13800000001'],
    ]);
    expect(saved.people.map((p) => p.phone)).toEqual(['13900000002', '', '13800000001']);
    expect(getTeamState(ctx).people[0].phone).toBe('13900000002');
  });

  test('clearing a contact in the sidebar clears it on the tab', () => {
    const ctx = createLocalContext({ today });
    saveTeam(ctx, [{ name: '林晓', role: 'operator', wecomUserId: 'LinXiao' }]);
    saveTeam(ctx, [{ name: '林晓', role: 'operator', wecomUserId: '' }]);
    expect(ctx.workbook.readTab('团队')[1][4]).toBeNull();
    expect(ctx.workbook.readTab('团队')[0][4]).toBe('企业微信 userid');
  });

  test('a 手机号 column someone added by hand becomes the phone column, its numbers kept', () => {
    const ctx = createLocalContext({ today });
    saveTeam(ctx, [
      { name: '林晓', role: 'operator' },
      { name: '周舟', role: 'operator' },
    ]);
    ctx.workbook.setCell('团队', 0, 5, '备注');
    ctx.workbook.setCell('团队', 0, 4, '手机号');
    ctx.workbook.setCell('团队', 1, 4, '138 0000 0001');
    ctx.workbook.setCell('团队', 1, 5, '早班');
    expect(getTeamState(ctx).people[0].phone).toBe('138 0000 0001');
    saveTeam(ctx, [
      { name: '周舟', role: 'operator' },
      { name: '林晓', role: 'operator' },
    ]);
    const grid = ctx.workbook.readTab('团队');
    expect(grid[0]).toEqual(['姓名', '角色', '邮箱', '颜色', '手机号', '备注']);
    expect(grid[2].slice(0, 1).concat(grid[2].slice(4))).toEqual(['林晓', '138 0000 0001', '早班']);
  });
});
