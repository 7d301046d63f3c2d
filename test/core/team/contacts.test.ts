import { formatError } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { cellValue } from '../../../src/core/tab/spec';
import { contactsOf, readTeamContacts } from '../../../src/core/team/contacts';
import { parseTeamRequest } from '../../../src/core/team/request';
import { buildTeamTab } from '../../../src/core/team/tab';
import { normalizePhone, normalizeTeam, readTeamGrid, teamColumns } from '../../../src/core/team/team';

describe('the Team tab’s contact columns (for @ in reminders)', () => {
  test('a team that never uses them keeps its four columns', () => {
    const spec = buildTeamTab(normalizeTeam([{ name: '林晓', role: 'operator' }]), 'zh-CN', 'note');
    expect(spec.rows[0]).toEqual(['姓名', '角色', '邮箱', '颜色']);
  });

  test('a column appears once someone fills it, after the others, as text (a phone keeps its leading +)', () => {
    const people = normalizeTeam([
      { name: '林晓', role: 'operator', phone: '+86 138-0000-0001', wecomUserId: 'LinXiao' },
      { name: '周舟', role: 'operator', feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706' },
    ]);
    const spec = buildTeamTab(people, 'en', 'note');
    expect(spec.rows.map((row) => row.map(cellValue))).toEqual([
      ['Name', 'Role', 'Email', 'Colour', 'Phone', 'WeCom userid', 'Feishu open_id'],
      ['林晓', 'Community operator', '', people[0].color, '+86 138-0000-0001', 'LinXiao', ''],
      ['周舟', 'Community operator', '', people[1].color, '', '', 'ou_7d8a6e6df7621556ce0d21922b676706'],
    ]);
    expect(spec.columns.slice(4).map((column) => column.format)).toEqual(['text', 'text', 'text']);
    expect(teamColumns([], ['dingtalkUserId'])).toEqual(['name', 'role', 'email', 'color', 'dingtalkUserId']);
  });

  test('headers people type themselves are recognised: 手机号, 企微userid, 飞书 open_id, 钉钉ID; 电话 stays theirs', () => {
    const team = readTeamGrid([
      ['姓名', '电话', '手机', '企微 UserID', '飞书 open_id', '钉钉ID'],
      ['林晓', '010-8888', '13800000001', 'LinXiao', 'ou_1', 'lx01'],
    ]);
    expect(team[0]).toMatchObject({ name: '林晓', phone: '13800000001', wecomUserId: 'LinXiao', feishuOpenId: 'ou_1', dingtalkUserId: 'lx01' });
  });

  test('a team list without the columns says nothing about contacts (saving keeps what the tab has)', () => {
    const [person] = readTeamGrid([
      ['姓名', '邮箱'],
      ['林晓', 'lx@example.com'],
    ]);
    expect('phone' in person).toBe(false);
  });

  test('contacts for composing reminders: phones as the platforms take them, blanks where the tab says nothing', () => {
    const contacts = readTeamContacts([
      ['姓名', '角色', '邮箱', '手机号', '企业微信 userid'],
      ['林晓', '社群运营', 'lx@example.com', '+86 138 0000 0001', 'LinXiao'],
      ['周舟', '社群运营', '', 13900000002, ''],
      ['Ann', 'advisor', '', '+1 (415) 555-0100', ''],
    ]);
    expect(contacts).toEqual([
      { name: '林晓', email: 'lx@example.com', phone: '13800000001', wecomUserId: 'LinXiao', feishuOpenId: '', dingtalkUserId: '' },
      { name: '周舟', email: '', phone: '13900000002', wecomUserId: '', feishuOpenId: '', dingtalkUserId: '' },
      { name: 'Ann', email: '', phone: '+14155550100', wecomUserId: '', feishuOpenId: '', dingtalkUserId: '' },
    ]);
    expect(contactsOf([{ name: 'X', role: 'other', email: ' x@y.z ', color: '' }])[0]).toEqual({
      name: 'X',
      email: 'x@y.z',
      phone: '',
      wecomUserId: '',
      feishuOpenId: '',
      dingtalkUserId: '',
    });
    expect(normalizePhone('0086 13800000001')).toBe('13800000001');
    expect(normalizePhone('１３８００００００01')).toBe('13800000001');
    expect(normalizePhone('ask me')).toBe('');
  });

  test('a contact that cannot be an @ target is refused at its row, in the person’s words', () => {
    let message = '';
    try {
      normalizeTeam([
        { name: '林晓', phone: 'call me' },
        { name: '周舟', wecomUserId: '周 舟', feishuOpenId: '7d8a6e' },
        { name: '陈默', dingtalkUserId: 'chen mo' },
      ]);
    } catch (error) {
      message = formatError(error, translator('zh-CN'));
    }
    expect(message.split('\n')).toEqual([
      '第 2 行：手机号“call me”不像手机号码：只写数字，可带 +86、空格或短横线。',
      '第 3 行：企业微信 userid“周 舟”不对：它由字母、数字和 _ - @ . 组成，在企业微信管理后台的成员详情里能找到（不是姓名）。',
      '第 3 行：飞书 open_id“7d8a6e”不对：它以 ou_ 开头，例如 ou_7d8a6e6df7621556ce0d21922b676706。',
      '第 4 行：钉钉 userid“chen mo”里不能有空格。',
    ]);
  });

  test('the sidebar may send the contacts; what it leaves out stays left out', () => {
    expect(parseTeamRequest([{ name: '林晓', phone: '138', feishuOpenId: 'ou_1' }, { name: '周舟' }])).toEqual([
      { name: '林晓', phone: '138', feishuOpenId: 'ou_1' },
      { name: '周舟' },
    ]);
    expect(normalizeTeam([{ name: '周舟' }])[0]).not.toHaveProperty('phone');
  });
});
