/** A built-in template whose name holds a slash (节气/节日促销) generates without --group: tab names are fitted, never refused. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { readXlsx } from '../../src/local/xlsx';
import { readFileSync } from 'node:fs';

describe('default tab names', () => {
  test.each(['promo-flash', 'retention-monthly'])('sop --template %s --lang zh without --group writes a workbook', async (template) => {
    const out = join(mkdtempSync(join(tmpdir(), 'sop-names-')), 'sop.xlsx');
    const result = await cli('sop', '--template', template, '--anchor', '2026-12-07', '--out', out, '--lang', 'zh');
    expect(result).toMatchObject({ code: 0 });
    const tabs = await readXlsx(readFileSync(out));
    const sop = tabs.find((tab) => tab.marker?.kind === 'sop')!;
    expect(sop.name).not.toMatch(/[/\\:*?[\]]/);
    expect(sop.marker?.key.group).toMatch(/\//);
  });
});
