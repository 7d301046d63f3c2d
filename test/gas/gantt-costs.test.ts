/** The push-plan Gantt in Sheets: what a run costs in Apps Script calls, whatever the plan's size (no dates cross the edge here, so one time zone). */
import { toIso } from '../../src/core/dates';
import { GLOBALS } from '../../src/gas/main';
import { DEMO_FILES, pastedTab } from '../../src/local/demo';
import { FakeGas, installFakeGas } from './fake-spreadsheet';
import { DAYS, FIRST, planRows, TEAM } from './gantt-plan';

const { generateGantt, saveTeam } = GLOBALS;

let fake: FakeGas;

afterEach(() => fake?.uninstall());

function value<T>(response: unknown): T {
  const envelope = response as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

describe('the push-plan Gantt in Sheets', () => {
  test.each([8, 3])(
    'Apps Script calls per Gantt tab do not grow with the tasks (10 / 100 / 1,000 over 90 days), first run or again; rules = 3 × %i owners + 9',
    (owners) => {
      const run = (n: number) => {
        fake = installFakeGas({ locale: 'zh_CN' });
        saveTeam(TEAM.slice(0, owners).map((name) => ({ name, role: 'operator' })));
        const { values, formats } = planRows(n);
        // Owners outside a smaller team are still named; their bars are grey.
        fake.seedSheet('推进表', values, formats);
        // Utilities.formatDate turns each date read into a day serial: local work, not a call to the spreadsheet.
        // The marker is written again only when what it remembers changed, which depends on what was typed, not on the plan's size.
        const counted = () => fake.calls.filter((call) => !call.method.startsWith('Utilities.') && call.method !== 'DeveloperMetadata.setValue').length;
        fake.resetCalls();
        const result = value<{ summary: { start: string; end: string } }>(generateGantt({ planTab: '推进表' }));
        const calls = counted();
        // Generating again reads the Gantt sheet back (to keep what was typed on it) and redraws it; a tenth of the owners were typed.
        const typed = Array.from({ length: Math.ceil(n / 10) }, (_, i) => [TEAM[(i * 3) % TEAM.length]]);
        fake.inspect('甘特图').getRange(5, 4, typed.length, 1).setValues(typed);
        fake.resetCalls();
        const again = value<{ edits: { kept: number } }>(generateGantt({ planTab: '推进表' }));
        const callsAgain = counted();
        const rules = fake.inspect('甘特图').getConditionalFormatRules().length;
        fake.uninstall();
        return { calls, callsAgain, kept: again.edits.kept, typed: typed.length, rules, span: `${result.summary.start}→${result.summary.end}` };
      };
      const [ten, hundred, thousand] = [10, 100, 1000].map(run);
      expect(ten.span).toBe(`${toIso(FIRST)}→${toIso(FIRST + DAYS - 1)}`);
      expect(thousand.span).toBe(ten.span);
      expect(hundred.calls).toBe(ten.calls);
      expect(thousand.calls).toBe(ten.calls);
      expect([hundred.callsAgain, thousand.callsAgain]).toEqual([ten.callsAgain, ten.callsAgain]);
      // Typed owners equal to the plan's are not edits; the others are kept.
      for (const figures of [ten, hundred, thousand]) expect(figures.kept).toBeLessThanOrEqual(figures.typed);
      expect(thousand.kept).toBeGreaterThan(0);
      // Per owner a done part, a bar and a swatch in the task lists; then done, grey, today, overdue, overload, two for the lists, weekends and holidays.
      expect([ten.rules, hundred.rules, thousand.rules]).toEqual([3 * owners + 9, 3 * owners + 9, 3 * owners + 9]);
    },
  );

  test('generating again writes the header rows, the tasks and the workload block as one rectangle (the bench’s “generateGantt, again”)', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam(TEAM.slice(0, 6).map((name) => ({ name, role: 'operator' })));
    const { values } = pastedTab(DEMO_FILES.pushPlan);
    fake.seedSheet('推进表', values as (string | number | boolean | null)[][]);
    value(generateGantt({ planTab: '推进表' }));
    const rows = fake.inspect('甘特图').getDataRange().getNumRows();
    fake.resetCalls();
    value(generateGantt({ planTab: '推进表' }));
    // The blank row under the tasks leads the workload block, so values, formats and notes go in one call each.
    for (const method of ['Range.setValues', 'Range.setNumberFormats', 'Range.setNotes']) {
      expect(fake.callsTo(method)).toHaveLength(1);
      expect((fake.callsTo(method)[0].args[0] as unknown[]).length).toBe(rows);
    }
    expect(fake.documentCalls).toBeLessThanOrEqual(31);
    expect(fake.roundTrips).toBe(1);
  });
});
