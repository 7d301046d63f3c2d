/**
 * Printing a generated tab from Sheets, where Apps Script cannot set print settings: the sidebar asks
 * for the tab's PDF export link when someone clicks 打印 / 导出 PDF, and gets Sheets' export of that
 * tab (its gid) with the print setup the tab's kind declares. Generating never asks for it.
 */
import { GLOBALS } from '../../src/gas/main';
import { createLocalContext } from '../../src/local/context';
import { printLink } from '../../src/app/print';
import { FakeGas, installFakeGas } from './fake-spreadsheet';
import { planRows, TEAM } from './gantt-plan';

const { generateGantt, saveTeam } = GLOBALS;

let fake: FakeGas;
afterEach(() => fake?.uninstall());

function value<T>(response: unknown): T {
  const envelope = response as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

describe('the PDF export link of a tab in Sheets', () => {
  test('is the export of that tab, landscape, one page wide, its frozen header repeated; generating does not ask for it', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    const { values, formats } = planRows(6);
    fake.seedSheet('推进表', values, formats);
    fake.resetCalls();
    value(generateGantt({ planTab: '推进表' }));
    expect(fake.callsTo('Sheet.getSheetId')).toHaveLength(0);
    expect(fake.callsTo('Spreadsheet.getId')).toHaveLength(0);

    const link = value<{ tab: string; url: string }>(GLOBALS.printLink({ tab: '甘特图' }));
    expect(fake.callsTo('Sheet.getSheetId').length).toBeGreaterThan(0);
    const url = new URL(link.url);
    const gid = fake.spreadsheet.getSheetByName('甘特图')!.getSheetId();
    expect(link.tab).toBe('甘特图');
    expect(url.pathname).toBe(`/spreadsheets/d/${fake.spreadsheet.getId()}/export`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ format: 'pdf', gid: String(gid), size: 'A4', portrait: 'false', fitw: 'true', fzr: 'true' });
  });

  test('a tab that does not exist is named in the error', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    const response = GLOBALS.printLink({ tab: '没有这个表' }) as { ok: boolean; error: { message: string } };
    expect(response.ok).toBe(false);
    expect(response.error.message).toContain('没有这个表');
  });

  test('there is none in the playground or the CLI: no Google spreadsheet to export from', () => {
    const ctx = createLocalContext();
    ctx.workbook.addPlainTab('表', [['a']]);
    expect(printLink(ctx, { tab: '表' })).toBeNull();
  });
});
