/** The Sheets path end to end: the entry's global functions against the recording fake of Apps Script. */
import { readTeamGrid } from '../../src/core/team/team';
import { GLOBALS } from '../../src/gas/main';
import { FakeGas, installFakeGas } from './fake-spreadsheet';

const { getTeamState, onOpen, saveSettings, saveTeam, showHelp, showHelpSidebar, showTeamSidebar } = GLOBALS;

let fake: FakeGas;

afterEach(() => fake?.uninstall());

function people(n: number) {
  return Array.from({ length: n }, (_, i) => ({ name: `成员${i + 1}`, role: 'operator' as const, email: `p${i}@example.com` }));
}

describe('Team & settings in Sheets', () => {
  test('the menu opens the sidebar with its page and language appended to the shipped HTML', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.htmlFiles.set('sidebar-team', '<html><body><div id="app"></div></body></html>');
    onOpen({ authMode: 'NONE' });
    showTeamSidebar();
    const sidebar = fake.dialogs.find((d) => d.kind === 'sidebar')!;
    const output = sidebar.content as { getContent(): string; getTitle(): string };
    expect(output.getTitle()).toBe('团队与设置');
    expect(output.getContent()).toContain('window.__SOP_BOOT__={"page":"team","lang":"zh-CN","title":"团队与设置","messages":{');
  });

  test('saving the team writes a marked, active 团队 tab and returns a JSON-safe envelope', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    const response = saveTeam([
      { name: '林晓', role: 'operator' },
      { name: '陈默', role: 'advisor' },
    ]);
    expect(response).toMatchObject({ ok: true, value: { tab: '团队', message: '已保存 2 位成员到「团队」' } });
    expect(JSON.parse(JSON.stringify(response))).toEqual(response);
    expect(readTeamGrid(fake.inspect('团队').getDataRange().getValues()).map((p) => p.name)).toEqual(['林晓', '陈默']);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe('团队');
    expect(fake.toasts.map((t) => t.message)).toContain('已保存 2 位成员到「团队」');
    const state = getTeamState() as { ok: true; value: { people: Array<{ name: string }> } };
    expect(state.value.people.map((p) => p.name)).toEqual(['林晓', '陈默']);
  });

  test('a sheet named 团队 that is not ours stays as it was', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['团队'] });
    fake.inspect('团队').getRange(1, 1).setValue('我自己的表');
    expect(saveTeam([{ name: '林晓' }])).toMatchObject({ ok: true, value: { tab: '团队 (2)' } });
    expect(fake.inspect('团队').getRange(1, 1).getValue()).toBe('我自己的表');
  });

  test('settings are stored in document properties and switch the language', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    expect(saveSettings({ language: 'en', weekStart: 'sun', classMinutes: 60 })).toMatchObject({ ok: true, value: { lang: 'en', message: 'Settings saved' } });
    expect(JSON.parse(fake.documentProperties.get('sop-planner.settings')!)).toMatchObject({ language: 'en', weekStart: 'sun', classMinutes: 60 });
    expect(getTeamState()).toMatchObject({ ok: true, value: { lang: 'en', settings: { weekStart: 'sun' } } });
    fake.htmlFiles.set('sidebar-help', '<html><body><div id="app"></div></body></html>');
    showHelp();
    const help = fake.dialogs.find((d) => d.kind === 'sidebar')!.content as { getContent(): string; getTitle(): string };
    expect(help.getTitle()).toBe('Help');
    expect(help.getContent()).toContain('"page":"help","lang":"en"');
  });

  test('a sidebar’s help link shows the help sidebar on that sidebar’s section; an unknown section is refused', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.htmlFiles.set('sidebar-help', '<html><body><div id="app"></div></body></html>');
    expect(showHelpSidebar({ section: 'sop' })).toEqual({ ok: true, value: { shown: true } });
    const help = fake.dialogs.find((d) => d.kind === 'sidebar')!.content as { getContent(): string; getTitle(): string };
    expect(help.getTitle()).toBe('帮助');
    const boot = JSON.parse(/window\.__SOP_BOOT__=(.*?);<\/script>/.exec(help.getContent())![1]) as {
      page: string;
      section: string;
      messages: Record<string, string>;
    };
    expect([boot.page, boot.section, boot.messages['help.sop.title']]).toEqual(['help', 'sop', '社群SOP排期']);
    expect(showHelpSidebar({ section: 'nothing' })).toMatchObject({ ok: false });
    expect(fake.dialogs.filter((d) => d.kind === 'sidebar')).toHaveLength(1);
  });

  test('a busy document is reported in the user’s language, and nothing is written', () => {
    fake = installFakeGas({ locale: 'en_US' });
    fake.lockAvailable = false;
    expect(saveTeam([{ name: 'Ann' }])).toEqual({
      ok: false,
      error: {
        message: 'Another operation is writing to this spreadsheet. Please try again in a moment.',
        problems: [expect.objectContaining({ text: expect.any(String) })],
      },
    });
    expect(fake.spreadsheet.getSheetByName('Team')).toBeNull();
  });

  test('saving a team of 10, 1,000 or 10,000 people costs the same number of Apps Script calls', () => {
    const counts = [10, 1000, 10000].map((n) => {
      fake = installFakeGas({ locale: 'zh_CN' });
      fake.resetCalls();
      saveTeam(people(n));
      const count = fake.callCount;
      fake.uninstall();
      return count;
    });
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });
});
