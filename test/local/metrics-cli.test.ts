/** `metrics` on the command line, on the demo/ files: JSON shape, summaries, workbooks and exit codes. */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUT_KEYS, METRIC_KEYS } from '../../src/core/metrics';
import { cli } from '../support/cli';
import { readXlsx } from '../../src/local/xlsx';

const demo = (name: string): string => join(__dirname, '../../demo', name);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'sop-metrics-cli-'));

describe('metrics FILE', () => {
  test('--json prints rows, total, mapping, skipped and warnings with every key and null for a blank', async () => {
    const { code, stdout, stderr } = await cli('metrics', demo('group-funnel.tsv'), '--json');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['rows', 'total', 'mapping', 'skipped', 'warnings']);
    expect(json.rows.map((row: { name: string }) => row.name)).toEqual(['Java引流1群', 'Java引流2群', 'Java引流3群', 'Java引流4群']);
    for (const entry of [...json.rows, json.total]) {
      expect(Object.keys(entry.inputs)).toEqual([...INPUT_KEYS]);
      expect(Object.keys(entry.metrics)).toEqual([...METRIC_KEYS]);
    }
    expect(json.rows[0].inputs).toMatchObject({ members: 260, attendees: 61, completed: 40, leads: 22, buyers: 3, price: 8800, cost: 5200, revenue: null });
    expect(json.total.inputs).toMatchObject({ members: 1000, attendees: 232, price: null });
    expect(json.total.metrics.participationRate).toBe(0.232);
    expect(json.total.metrics.repurchaseRate).toBeNull();
    expect(json.mapping).toEqual({
      name: '群名称',
      members: '群人数',
      attendees: '到课人数',
      completed: '完课人数',
      leads: '意向表单',
      buyers: '成单人数',
      price: '客单价',
      cost: '投放成本',
    });
    expect(json.skipped).toEqual([]);
    expect(json.warnings).toEqual([]);
  });

  test('the seed QQ group: 11 of 400 paid — 2.75% — at ¥5,800 each; the unknown column is a warning', async () => {
    const json = JSON.parse((await cli('metrics', demo('hybris-qq.tsv'), '--json')).stdout);
    expect(json.total.metrics).toMatchObject({ conversionRate: 0.0275, revenue: 63800, participationRate: 0.24 });
    expect(json.warnings).toEqual([{ code: 'metrics.warning.extraColumn', params: { column: 'F', header: '周期(天)' } }]);
  });

  test('without --json: one line per group and the total, in the chosen language', async () => {
    const { code, stdout } = await cli('metrics', demo('group-funnel.tsv'), '--lang', 'en');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^Total\tParticipation rate 23\.2% · /);
    expect(lines[4]).toContain('Revenue ¥89,200');
  });

  test('--out writes the data tab and the marked, live metrics tab', async () => {
    const file = join(tmp(), 'metrics.xlsx');
    const { code, stdout, stderr } = await cli('metrics', demo('group-funnel.tsv'), '--out', file, '--lang', 'zh');
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(stderr).toContain(file);
    const tabs = await readXlsx(readFileSync(file));
    expect(tabs.map((t) => [t.name, t.marker && { kind: t.marker.kind, key: t.marker.key }])).toEqual([
      ['group-funnel', null],
      ['转化指标', { kind: 'metrics', key: { source: 'group-funnel' } }],
    ]);
    const metrics = tabs[1].values;
    const total = metrics.find((row) => row[0] === '合计')!;
    expect(total[metrics[0].indexOf('活动参与率')]).toBe(0.232);
  });

  test('a paste with unreadable cells: exit code 1, every cell on stderr, nothing on stdout, no file', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, '群名称\t群人数\t到课人数\nA群\t二百\t50\nB群\t300\t很多\n');
    const out = join(dir, 'out.xlsx');
    const result = await cli('metrics', bad, '--out', out, '--lang', 'zh');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      '「bad」：有 2 个单元格无法读取，未写入任何内容。请改正后重试：',
      '「bad」 第 2 行 B 列（群人数）：无法识别的数字“二百”：应为数字，如 1,200、1.2万、¥5,800；不知道时留空或填“-”。',
      '「bad」 第 3 行 C 列（到课人数）：无法识别的数字“很多”：应为数字，如 1,200、1.2万、¥5,800；不知道时留空或填“-”。',
    ]);
    expect(() => readFileSync(out)).toThrow();
    const en = await cli('metrics', bad, '--json', '--lang', 'en');
    expect(en).toMatchObject({ code: 1, stdout: '' });
    expect(en.stderr).toContain('Tab "bad", row 2, column B (群人数): Cannot read "二百" as a number');
  });

  test('missing and unreadable files, and a missing FILE, exit with code 1', async () => {
    expect(await cli('metrics', '--lang', 'en')).toMatchObject({ code: 1, stderr: 'Missing option FILE.' });
    expect(await cli('metrics', join(tmp(), 'nope.tsv'), '--lang', 'en')).toMatchObject({ code: 1, stderr: expect.stringContaining('Cannot find the file') });
    expect(await cli('metrics', demo('team.tsv'), '--lang', 'en')).toMatchObject({ code: 1, stderr: expect.stringContaining('No header row found') });
  });
});

describe('metrics on very large input', () => {
  test('a table of more than 50,000 rows is refused naming the file and the limit, and nothing is written', async () => {
    const dir = tmp();
    const big = join(dir, 'big.tsv');
    writeFileSync(big, '群名称\t群人数\n' + 'A群\t100\n'.repeat(50_000));
    const out = join(dir, 'out.xlsx');
    const result = await cli('metrics', big, '--out', out, '--lang', 'en');
    expect(result).toEqual({ code: 1, stdout: '', stderr: `File "${big}": More than 50,000 rows: too many to read at once. Split it into parts.` });
    expect(() => readFileSync(out)).toThrow();
    // Lists of people may be far longer.
    const members = join(dir, 'members.tsv');
    writeFileSync(members, '群名称\t微信号\n' + Array.from({ length: 50_001 }, (_, i) => `A群\twxid_${i}\n`).join(''));
    const json = await cli('metrics', '--members', members, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).total.inputs.members).toBe(50_001);
  });

  test('a list of more than 100 MB is refused by its size, unread, naming the file in either language', async () => {
    const dir = tmp();
    const big = join(dir, 'members.tsv');
    writeFileSync(big, '');
    // A sparse file: the size is checked before a byte is read.
    truncateSync(big, 100 * 1024 * 1024 + 1);
    const out = join(dir, 'out.xlsx');
    expect(await cli('metrics', '--members', big, '--out', out, '--lang', 'en')).toEqual({
      code: 1,
      stdout: '',
      stderr: `File "${big}": The file is 100.0 MB, more than the 100 MB that can be read. Split it, or export only the rows and columns you need.`,
    });
    expect(await cli('metrics', '--members', big, '--json', '--lang', 'zh')).toEqual({
      code: 1,
      stdout: '',
      stderr: `文件「${big}」：文件有 100.0 MB，超过可读取的上限 100 MB。请拆分后分批读取，或只导出需要的行和列。`,
    });
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('metrics --members --attendance --orders', () => {
  const lists = ['--members', demo('raw-members.csv'), '--attendance', demo('raw-attendance.csv'), '--orders', demo('raw-orders.csv')];

  test('--json: groups, a de-duplicated total, the mapping per list', async () => {
    const { code, stdout } = await cli('metrics', ...lists, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.rows.map((row: { name: string }) => row.name)).toEqual(['Java引流5群', 'Java引流6群']);
    const summed = json.rows[0].inputs.members + json.rows[1].inputs.members;
    expect(json.total.inputs.members).toBeLessThan(summed);
    expect(Object.keys(json.mapping)).toEqual(['members', 'attendance', 'orders']);
    expect(json.mapping.attendance).toEqual({ memberId: '微信号', name: '昵称', minutes: '观看时长(分钟)' });
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('metrics.raw.warning.completionRule');
  });

  test('--class-minutes and --completion-share change what counts as completed', async () => {
    const strict = JSON.parse((await cli('metrics', ...lists, '--json')).stdout);
    const loose = JSON.parse((await cli('metrics', ...lists, '--class-minutes', '60', '--completion-share', '0.5', '--json')).stdout);
    expect(loose.total.inputs.completed).toBeGreaterThan(strict.total.inputs.completed);
    const rule = loose.warnings.find((w: { code: string }) => w.code === 'metrics.raw.warning.completionRule');
    expect(rule.params).toEqual({ minutes: 30, classMinutes: 60, share: 0.5 });
  });

  test('--out writes the three lists and the metrics tab', async () => {
    const file = join(tmp(), 'raw.xlsx');
    expect((await cli('metrics', ...lists, '--out', file, '--lang', 'en')).code).toBe(0);
    const tabs = await readXlsx(readFileSync(file));
    expect(tabs.map((t) => t.name)).toEqual(['raw-members', 'raw-attendance', 'raw-orders', 'Metrics']);
    expect(tabs[3].marker).toMatchObject({ kind: 'metrics', key: { source: 'raw-members + raw-attendance + raw-orders' } });
    expect(tabs[3].values.some((row) => row[0] === 'Total (distinct people)')).toBe(true);
  });

  test('bad options exit with code 1', async () => {
    expect(await cli('metrics', '--attendance', demo('raw-attendance.csv'), '--lang', 'en')).toMatchObject({
      code: 1,
      stderr: 'Missing option --members FILE.',
    });
    expect(await cli('metrics', ...lists, '--completion-share', '1.5', '--lang', 'en')).toMatchObject({
      code: 1,
      stderr: 'Invalid value "1.5" for --completion-share: 0–1.',
    });
    expect((await cli('metrics', ...lists, '--class-minutes', 'abc')).code).toBe(1);
  });
});
