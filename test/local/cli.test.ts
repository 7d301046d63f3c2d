import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { parseArgs } from '../../src/local/cli/args';
import { readXlsx } from '../../src/local/xlsx';
import { readFileSync } from 'node:fs';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the command line', () => {
  test('--help lists the commands in the chosen language', async () => {
    const zh = await cli('--help', '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('demo --out FILE.xlsx');
    expect(zh.stdout).toContain('生成演示工作簿');
    expect((await cli('help', '--lang', 'en')).stdout).toContain('Write the demo workbook');
  });

  test('demo --out writes the demo workbook with its marked Team tab', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sop-cli-')), 'demo.xlsx');
    const result = await cli('demo', '--out', file, '--lang', 'en');
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain(file);
    const tabs = await readXlsx(readFileSync(file));
    const team = tabs.find((t) => t.marker?.kind === 'team')!;
    expect(team.name).toBe('Team');
    expect(team.values.slice(1).map((row) => row[0])).toEqual(['林晓', '周舟', '陈默', '王蕾', '赵老师', '孙悦']);
    expect(tabs.map((t) => t.name)).toEqual(['Team', 'Activities', 'Push plan', 'Group funnel']);
  });

  test('mistakes exit with code 1 and a readable message on stderr', async () => {
    expect(await cli('demo', '--lang', 'en')).toMatchObject({ code: 1, stdout: '', stderr: 'Missing option --out FILE.xlsx.' });
    const unknown = await cli('frobnicate', '--lang', 'zh');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('未知命令“frobnicate”');
    expect((await cli()).code).toBe(1);
  });

  test('arguments: values, =values, boolean flags and positionals', () => {
    expect(parseArgs(['metrics', 'a.tsv', '--json', '--out=x.xlsx', '--lang', 'en'], new Set(['json']))).toEqual({
      command: 'metrics',
      positionals: ['a.tsv'],
      options: { json: true, out: 'x.xlsx', lang: 'en' },
    });
  });
});
