import { existsSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, runCli, type LocaleEnvironment } from '../../src/local/cli';
import { parseCommandLine } from '../../src/local/cli/args';
import { readXlsx } from '../../src/local/xlsx';

async function cliIn(environment: LocaleEnvironment, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, environment);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The CLI as on a server: LANG=C, so without --lang the messages are Chinese. */
const cli = (...argv: string[]) => cliIn({ LANG: 'C' }, argv);

const tmp = (): string => mkdtempSync(join(tmpdir(), 'sop-cli-'));

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
    // The samples, then the history for 复盘: the cohorts' results and three past cohorts' SOP tabs.
    expect(tabs.map((t) => t.name)).toEqual([
      'Team',
      'Activities',
      'Push plan',
      'Group funnel',
      'Cohort results',
      'SOP·Java引流5群·第9期',
      'SOP·Java引流5群·第10期',
      'SOP·Java引流5群·第11期',
    ]);
  });

  test('mistakes exit with code 1 and a readable message on stderr', async () => {
    expect(await cli('demo', '--lang', 'en')).toMatchObject({ code: 1, stdout: '', stderr: 'Missing option --out FILE.xlsx.' });
    const unknown = await cli('frobnicate', '--lang', 'zh');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('未知命令“frobnicate”');
    expect((await cli()).code).toBe(1);
  });

  test('arguments: values, =values, flags and positionals, checked against the command’s declaration', () => {
    const line = parseCommandLine(['metrics', 'a.tsv', '--json', '--out=x.xlsx', '--lang', 'en'], COMMANDS);
    expect(line).toMatchObject({ command: 'metrics', lang: 'en', help: false, problems: [] });
    expect(line.args).toEqual({ positionals: ['a.tsv'], options: { json: true, out: 'x.xlsx' } });
    expect(parseCommandLine(['--lang=zh', 'templates', '--', '--json'], COMMANDS).problems).toEqual([
      { code: 'cli.error.unexpectedArgument', params: { argument: '--json', command: 'templates' } },
    ]);
  });
});

describe('strict options: a mistake on the command line is named, never guessed around', () => {
  test('an unknown option is refused, naming it and listing the command’s options', async () => {
    const result = await cli('sop', '--template', 'big-class-28d', '--anchor', '2026-12-07', '--cohrt', '12期', '--lang', 'en');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.split('\n')).toEqual([
      'sop has no option --cohrt. Its options: --template ID, --anchor YYYY-MM-DD, --team FILE, --group NAME, --cohort LABEL, ' +
        '--update FILE.xlsx, --use-template-texts, --json, --out FILE.xlsx, --ics FILE.ics, --lang zh|en, --help.',
      'Did you mean --cohort?',
    ]);
    expect((await cli('gantt', '--task', 'plan.tsv')).stderr).toContain('gantt 没有选项 --task。它的选项：--tasks FILE, --update FILE.xlsx');
  });

  test('__proto__, constructor and toString are unknown commands, not properties of the command table', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = await cli(name, '--lang', 'en');
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(`Unknown command "${name}".`);
      expect(result.stderr).not.toContain('Something went wrong');
    }
  });

  test('a flag given a value, an option without its value, one given twice with two values, an extra argument: all named at once', async () => {
    const result = await cli('sop', '--json=yes', '--template', 'a', '--template', 'b', '--group', 'extra', 'words', '--anchor', '--lang', 'en');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.split('\n')).toEqual([
      'The option --json takes no value, but was given "yes".',
      'The option --template is given twice ("a" and "b"); keep one.',
      'Unexpected argument "words": sop does not take it (options start with --).',
      'The option --anchor needs a value: YYYY-MM-DD.',
    ]);
  });

  test('missing required options are all named, from the declaration', async () => {
    expect((await cli('sop', '--lang', 'en')).stderr.split('\n')).toEqual(['Missing option --template ID.', 'Missing option --anchor YYYY-MM-DD.']);
  });

  test('an option before the command is refused: which options exist depends on the command', async () => {
    const result = await cli('--out', 'x.xlsx', 'demo', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('The option --out goes after the command: npm run --silent cli -- <command> [options].');
    expect(existsSync('x.xlsx')).toBe(false);
  });

  test('a misspelt command is named with the one it resembles', async () => {
    const result = await cli('calender', '--month', '2026-12', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual(['Unknown command "calender".', 'Did you mean calendar?']);
  });

  test('each command’s --help comes from its declaration: every option it accepts, and nothing else', async () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      const help = await cli(name, '--help', '--lang', 'en');
      expect(help.code).toBe(0);
      const shown = [...help.stdout.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
      expect(shown).toEqual([...Object.keys(command.options), 'lang', 'help'].map((option) => `--${option}`));
      expect(help.stdout.split('\n')[1]).toBe(command.summary.en);
      // Every option the help shows is one the parser takes.
      for (const [option, spec] of Object.entries(command.options)) {
        const argv = [name, `--${option}`, ...(spec.value ? ['x'] : [])];
        expect(parseCommandLine(argv, COMMANDS).problems.filter((p) => p.code === 'cli.error.unknownOption')).toEqual([]);
      }
    }
    expect((await cli('help', 'sop', '--lang', 'en')).stdout).toMatch(/^Usage: npm run --silent cli -- sop --template ID --anchor YYYY-MM-DD \[options\]/);
  });

  test('--out pointing at a folder says so, naming it; so do a folder that does not exist and a name that is not .xlsx', async () => {
    const dir = tmp();
    const folder = await cli('demo', '--out', dir, '--lang', 'en');
    expect(folder).toEqual({ code: 1, stdout: '', stderr: `--out names a folder, "${dir}": name the .xlsx file to write, e.g. result.xlsx inside it.` });
    const missing = await cli('demo', '--out', join(dir, 'no-such-folder', 'demo.xlsx'), '--lang', 'en');
    expect(missing.stderr).toBe(`The folder of --out, "${join(dir, 'no-such-folder')}", does not exist.`);
    const json = await cli('demo', '--out', join(dir, 'demo.json'));
    expect(json.stderr).toBe(`--out 的文件名「${join(dir, 'demo.json')}」不以 .xlsx 结尾：写入的是 .xlsx 工作簿，请用 .xlsx 文件名。`);
    expect(existsSync(join(dir, 'demo.json'))).toBe(false);
  });

  test('an input that is a folder, or larger than the documented limit, is refused naming the file and the limit', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'plan.tsv'));
    expect(await cli('gantt', '--tasks', join(dir, 'plan.tsv'), '--lang', 'en')).toMatchObject({
      code: 1,
      stderr: `"${join(dir, 'plan.tsv')}" is a folder, not a file.`,
    });
    // Sparse files: the size is checked before a byte is read.
    const big = join(dir, 'export.csv');
    writeFileSync(big, '');
    truncateSync(big, 150 * 1024 * 1024);
    expect(await cli('metrics', big, '--lang', 'en')).toMatchObject({
      code: 1,
      stderr: `File "${big}": The file is 150 MB, more than the 100 MB that can be read. Split it, or export only the rows and columns you need.`,
    });
    const workbook = join(dir, 'book.xlsx');
    writeFileSync(workbook, '');
    truncateSync(workbook, 12 * 1024 * 1024);
    const update = await cli('gantt', '--update', workbook, '--lang', 'zh');
    expect(update).toMatchObject({ code: 1, stderr: `文件「${workbook}」：文件有 12 MB，超过可读取的上限 10 MB。请拆分后分批读取，或只导出需要的行和列。` });
  });
});

describe('the language of the messages', () => {
  const missingOut = { zh: '缺少选项 --out FILE.xlsx。', en: 'Missing option --out FILE.xlsx.' };

  test('under LANG=C or POSIX (servers, CI) or with no locale at all it is Chinese, the product’s first language', async () => {
    for (const environment of [{ LANG: 'C' }, { LANG: 'C.UTF-8' }, { LC_ALL: 'POSIX' }, {}, { LANG: '' }]) {
      expect((await cliIn(environment, ['demo'])).stderr).toBe(missingOut.zh);
    }
  });

  test('an English locale gives English, a Chinese one Chinese; LC_ALL, then LC_MESSAGES, then LANG', async () => {
    expect((await cliIn({ LANG: 'en_US.UTF-8' }, ['demo'])).stderr).toBe(missingOut.en);
    expect((await cliIn({ LANG: 'en_GB' }, ['demo'])).stderr).toBe(missingOut.en);
    expect((await cliIn({ LANG: 'zh_TW.UTF-8' }, ['demo'])).stderr).toBe(missingOut.zh);
    expect((await cliIn({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, ['demo'])).stderr).toBe(missingOut.zh);
    expect((await cliIn({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, ['demo'])).stderr).toBe(missingOut.en);
  });

  test('--lang always wins, wherever it stands; a --lang naming no language is refused', async () => {
    expect((await cliIn({ LANG: 'zh_CN.UTF-8' }, ['demo', '--lang', 'en'])).stderr).toBe(missingOut.en);
    expect((await cliIn({ LANG: 'en_US.UTF-8' }, ['--lang=zh', 'demo'])).stderr).toBe(missingOut.zh);
    const bad = await cliIn({ LANG: 'en_US.UTF-8' }, ['demo', '--out', join(tmp(), 'x.xlsx'), '--lang', 'fr']);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Invalid value "fr" for --lang: zh|en.' });
  });
});
