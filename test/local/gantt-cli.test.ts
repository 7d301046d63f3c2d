/**
 * `gantt --tasks FILE [--working-days] [--team FILE] [--json | --out FILE.xlsx]` and `gantt --update FILE.xlsx` on the sample files.
 * Dates in text (the command line, .tsv files) are read by the core, which cannot see the process's time zone; the date
 * cells of .xlsx files, which can, are checked under every zone by cli-zones.test.ts.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialFromYmd } from '../../src/core/dates';
import { cli } from '../support/cli';
import { readXlsx } from '../../src/local/xlsx';

const PLAN = join(__dirname, '../../demo/push-plan.tsv');
const TEAM = join(__dirname, '../../demo/team.tsv');

function tempFile(name: string, text?: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sop-gantt-cli-')), name);
  if (text !== undefined) writeFileSync(file, text);
  return file;
}

describe('cli gantt', () => {
  test('--json prints the schedule, workload and warnings of the sample plan', async () => {
    const result = await cli('gantt', '--tasks', PLAN, '--team', TEAM, '--json', '--lang', 'zh');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['tasks', 'workload', 'warnings', 'errors']);
    expect(json.tasks).toHaveLength(9);
    expect(json.tasks[4]).toEqual({
      name: '开营仪式与群规',
      owner: '林晓',
      participants: ['赵老师'],
      start: '2026-12-08',
      end: '2026-12-08',
      days: 1,
      progress: 0,
      dependsOn: ['海报与物料设计', '话术库整理'],
    });
    expect(json.tasks[1]).toMatchObject({ name: '用户调研问卷', progress: 0.6 });
    // 林晓: 12-01→02, 12-08, 12-09→21, 12-23→29 = 2 + 1 + 13 + 7 days.
    expect(json.workload['林晓']).toEqual({ tasks: 4, busyDays: 23, overloadedDays: [] });
    expect(json.warnings).toEqual([]);
    expect(json.errors).toEqual([]);
  });

  test('--working-days counts working days only', async () => {
    const json = JSON.parse((await cli('gantt', '--tasks', PLAN, '--working-days', '--json')).stdout);
    // 每日打卡与催课 12-09 (Wed) → 12-21 (Mon): 13 days, minus two weekends.
    expect(json.tasks[5]).toMatchObject({ name: '每日打卡与催课', days: 9 });
  });

  test('a plan with a cycle exits 1, names the tasks on stderr, and the JSON carries the errors', async () => {
    const file = tempFile(
      'cycle.tsv',
      ['事项\t负责人\t开始日期\t工期\t前置事项', '开营\t林晓\t2026-12-01\t1\t', '预热\t周舟\t\t2\t结营', '结营\t陈默\t\t1\t预热'].join('\n'),
    );
    const result = await cli('gantt', '--tasks', file, '--json', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('“预热” → “结营” → “预热”');
    expect(result.stderr).toContain('row 3');
    const json = JSON.parse(result.stdout);
    expect(json.tasks).toEqual([]);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toContain('“预热” → “结营” → “预热”');
  });

  test('a date that cannot be read is named with its task, row and column', async () => {
    const file = tempFile('bad.tsv', ['事项\t负责人\t开始日期\t结束日期', '开营\t林晓\t下周一\t2026-12-02'].join('\n'));
    const result = await cli('gantt', '--tasks', file, '--lang', 'zh');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe('「bad」 第 2 行 C 列（开始日期）：事项“开营”的日期“下周一”无法识别：请填 2000–2100 年间的日期，如 2026-12-01。');
  });

  test('an unknown predecessor does not hide a cycle, nor a bad date: every problem of the plan is named at once, in row order', async () => {
    const file = tempFile(
      'many.tsv',
      [
        '事项\t负责人\t开始日期\t工期\t前置事项',
        '开营\t林晓\t2026-12-01\t1\t',
        '预热\t周舟\t\t2\t结营',
        '结营\t陈默\t\t1\t预热',
        '复盘\t陈默\t\t1\t总结会',
        '招生\t王蕾\t1926-12-01\t1\t',
      ].join('\n'),
    );
    const result = await cli('gantt', '--tasks', file, '--json', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'Tab "many", row 3: These tasks are each other\'s predecessors, in a cycle: “预热” → “结营” → “预热”. Remove one of these links.',
      'Tab "many", row 5, column E (前置事项): The predecessor "总结会" of the task "复盘" does not exist; check the name or ID.',
      'Tab "many", row 6, column C (开始日期): Cannot read the date "1926-12-01" of the task "招生": use a date from 2000 to 2100, such as 2026-12-01.',
    ]);
    expect(JSON.parse(result.stdout).errors).toHaveLength(3);
  });

  test('plan dates in any of the forms people type are read alike', async () => {
    const file = tempFile('forms.tsv', ['事项\t开始日期\t结束日期', '甲\t2026/12/7\t2026年12月9日', '乙\t2026.12.10\t20261211'].join('\n'));
    const json = JSON.parse((await cli('gantt', '--tasks', file, '--json', '--lang', 'zh')).stdout);
    expect(json.tasks.map((t: { start: string; end: string }) => [t.start, t.end])).toEqual([
      ['2026-12-07', '2026-12-09'],
      ['2026-12-10', '2026-12-11'],
    ]);
  });

  test('without --json it prints one line per task and per owner', async () => {
    const result = await cli('gantt', '--tasks', PLAN, '--lang', 'en');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('2026-12-01 → 2026-12-02  2 d  林晓  确定活动主题与目标');
    expect(lines).toContain('陈默: 1 tasks, 8 busy days, 0 overloaded days');
  });

  test('--tasks is required, and cannot come with --update', async () => {
    expect(await cli('gantt', '--json', '--lang', 'en')).toMatchObject({ code: 1, stdout: '', stderr: 'Missing option --tasks FILE.' });
    expect(await cli('gantt', '--update', 'book.xlsx', '--tasks', PLAN, '--lang', 'en')).toMatchObject({
      code: 1,
      stderr: 'The option --tasks cannot be used together with --update.',
    });
  });
});

describe('cli gantt --update', () => {
  // The demo workbook, written once; each test updates a copy of its own.
  let demo: string;
  beforeAll(async () => {
    demo = tempFile('demo.xlsx');
    expect((await cli('demo', '--out', demo, '--lang', 'zh')).code).toBe(0);
  });
  function demoWorkbook(): string {
    const file = tempFile('demo.xlsx');
    copyFileSync(demo, file);
    return file;
  }

  test('draws the Gantt tab of the workbook’s plan, and after the plan is edited in Excel redraws it in place', async () => {
    const file = demoWorkbook();
    const first = await cli('gantt', '--update', file, '--lang', 'zh');
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toContain('已生成甘特图 · 9 项任务 · 2026-12-01 → 2026-12-29 · 6 人');
    const names = async () => (await readXlsx(readFileSync(file))).map((t) => [t.name, t.marker?.kind ?? null]);
    expect(await names()).toEqual([
      ['团队', 'team'],
      ['活动列表', null],
      ['推进表', null],
      ['群数据', null],
      // The demo's history for 复盘: the cohorts' results (pasted) and three past cohorts' SOP tabs.
      ['各期数据', null],
      ['SOP·Java引流5群·第9期', 'sop'],
      ['SOP·Java引流5群·第10期', 'sop'],
      ['SOP·Java引流5群·第11期', 'sop'],
      ['甘特图', 'gantt'],
    ]);

    // In Excel, the manager gives the first task two more days: it now ends on 12-04.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    book.getWorksheet('推进表')!.getCell('G2').value = new Date(Date.UTC(2026, 11, 4));
    await book.xlsx.writeFile(file);

    expect((await cli('gantt', '--update', file, '--lang', 'zh')).code).toBe(0);
    expect(await names()).toEqual([
      ['团队', 'team'],
      ['活动列表', null],
      ['推进表', null],
      ['群数据', null],
      // The demo's history for 复盘: the cohorts' results (pasted) and three past cohorts' SOP tabs.
      ['各期数据', null],
      ['SOP·Java引流5群·第9期', 'sop'],
      ['SOP·Java引流5群·第10期', 'sop'],
      ['SOP·Java引流5群·第11期', 'sop'],
      ['甘特图', 'gantt'],
    ]);
    const gantt = (await readXlsx(readFileSync(file))).find((t) => t.name === '甘特图')!.values;
    expect(gantt[3].slice(5, 8)).toEqual(['开始日期', '结束日期', '工期(天)']);
    expect(gantt[4].slice(2, 8)).toEqual(['确定活动主题与目标', '林晓', '陈默;王蕾', serialFromYmd(2026, 12, 1), serialFromYmd(2026, 12, 4), 4]);
  });

  test('--plan picks the plan tab, --json prints its schedule and writes nothing, --out writes elsewhere', async () => {
    const file = demoWorkbook();
    const before = readFileSync(file);
    const json = await cli('gantt', '--update', file, '--plan', '推进表', '--working-days', '--json', '--lang', 'zh');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).tasks[5]).toMatchObject({ name: '每日打卡与催课', days: 9 });
    expect(readFileSync(file).equals(before)).toBe(true);
    const out = tempFile('copy.xlsx');
    expect((await cli('gantt', '--update', file, '--out', out, '--lang', 'zh')).code).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await readXlsx(readFileSync(out))).map((t) => t.name)).toContain('甘特图');
  });

  test('a workbook without a plan, or a --plan that is not one, is refused and left as it was', async () => {
    const file = tempFile('no-plan.xlsx');
    expect((await cli('calendar', '--month', '2026-12', '--out', file, '--lang', 'zh')).code).toBe(0);
    const before = readFileSync(file);
    const none = await cli('gantt', '--update', file, '--lang', 'zh');
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe(`文件「${file}」：请先选择一个推进表标签页。`);
    const notAPlan = await cli('gantt', '--update', file, '--plan', '活动列表', '--lang', 'en');
    expect(notAPlan.code).toBe(1);
    expect(notAPlan.stderr).toContain("Cannot find the push plan's header row");
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
