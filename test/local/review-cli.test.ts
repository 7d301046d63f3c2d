/** `review --workbook FILE.xlsx [--template ID] [--cohorts …] [--json | --out FILE.xlsx]` on a saved workbook of past cohorts. */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveWorkbook } from '../../src/local/cli/io';
import { readWorkbookTabsFile } from '../../src/local/xlsx';
import { cli } from '../support/cli';
import { reviewWorkbook } from '../support/review-workbook';

/** The paste writes 第10期 as 10期 and 第11期 as 2026-11: confirmed on the command line (an .xlsx keeps no confirmation). */
const MAP = '第10期=10期,第11期=2026-11';

describe('cli review', () => {
  let file: string;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'sop-review-cli-')), 'cohorts.xlsx');
    await saveWorkbook(reviewWorkbook(), file);
  });

  test('--json gives the cohorts with execution and results, and the steps with n and a verdict', async () => {
    const result = await cli('review', '--workbook', file, '--date', '2026-12-10', '--map', MAP, '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.template).toBe('big-class-28d');
    expect(json.cohorts).toHaveLength(8);
    expect(json.cohorts[0]).toEqual(
      expect.objectContaining({
        group: 'Java引流5群',
        cohort: '第9期',
        execution: expect.objectContaining({ planned: expect.any(Number), done: expect.any(Number), onTime: expect.any(Number), byOwner: expect.any(Object) }),
        results: expect.objectContaining({ members: 400, conversionRate: 0.02 }),
      }),
    );
    expect(json.steps[0]).toEqual(expect.objectContaining({ key: expect.stringMatching(/^B28-/), nBetter: expect.any(Number), verdict: expect.any(String) }));
  });

  test('--cohorts picks cohorts spelt any way; the text output is one line per cohort, then the steps', async () => {
    const json = JSON.parse((await cli('review', '--workbook', file, '--date', '2026-12-10', '--cohorts', '10期,2026-11', '--json')).stdout);
    expect(json.cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(['第10期', '第11期', '第10期', '第11期']);
    const text = await cli('review', '--workbook', file, '--date', '2026-12-10', '--lang', 'zh');
    expect(text.stdout.split('\n')[0]).toMatch(/^Java引流5群\t第9期\t计划 \d+/);
  });

  test('--out writes the review tab into a copy', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'sop-review-cli-')), 'copy.xlsx');
    const written = await cli('review', '--workbook', file, '--date', '2026-12-10', '--map', MAP, '--out', copy, '--lang', 'en');
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Review: 8 group cohorts, 8 with metrics');
    const tabs = await readWorkbookTabsFile(await readFile(copy), copy);
    const review = tabs.find((tab) => tab.marker?.kind === 'review');
    expect(review).toBeDefined();
    expect(JSON.stringify(review!.spec.rows)).toContain('COUNTIFS');
  });

  test('without --map, differently spelt cohorts are proposed, not matched; a --map part without "=" is refused', async () => {
    const json = JSON.parse((await cli('review', '--workbook', file, '--date', '2026-12-10', '--json')).stdout);
    expect(json.proposed).toEqual([
      { sop: '第10期', metrics: '10期', confirmed: false },
      { sop: '第11期', metrics: '2026-11', confirmed: false },
    ]);
    expect(json.cohorts.filter((c: { results: unknown }) => c.results === null)).toHaveLength(2);
    const refused = await cli('review', '--workbook', file, '--map', '第10期', '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--map');
    expect(refused.stderr).toContain('第10期');
  });

  test('an unknown cohort is refused by name', async () => {
    const result = await cli('review', '--workbook', file, '--cohorts', '第30期', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('第30期');
  });
});
