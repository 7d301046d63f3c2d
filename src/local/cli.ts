/**
 * `npm run --silent cli -- <command>`: the same use cases as the sidebar, on files. Results go to
 * stdout (JSON with --json), progress and errors to stderr; exit code 1 on bad input.
 */
import { writeFileSync } from 'node:fs';
import { formatError } from '../core/errors';
import { langFromLocale, translator, Lang, Translate } from '../core/i18n';
import { parseArgs, ParsedArgs } from './cli/args';
import { createDemoContext } from './demo';
import { writeXlsx } from './xlsx';
import type { LocalContext } from './context';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  /** One line for --help, in both languages. */
  summary: Record<Lang, string>;
  usage: string;
  run(args: ParsedArgs, env: { io: CliIo; lang: Lang; tr: Translate }): Promise<number>;
}

/** Flags that never take a value. */
const BOOLEAN_FLAGS = new Set(['json', 'help', 'working-days', 'draft']);

/** Writes every tab of a local workbook to an .xlsx file (with the add-on's markers). */
export async function saveWorkbook(ctx: LocalContext, path: string): Promise<void> {
  const buffer = await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker })));
  writeFileSync(path, buffer);
}

export const COMMANDS: Record<string, CliCommand> = {
  demo: {
    summary: { 'zh-CN': '生成演示工作簿（团队、活动列表、推进表、群数据）', en: 'Write the demo workbook (team, activities, push plan, group funnel)' },
    usage: 'demo --out FILE.xlsx [--lang zh|en]',
    async run(args, { io, lang, tr }) {
      const out = args.options.out;
      if (typeof out !== 'string') {
        io.stderr(tr('cli.error.missingOption', { option: '--out FILE.xlsx' }));
        return 1;
      }
      const ctx = createDemoContext({ locale: lang === 'en' ? 'en_US' : 'zh_CN' });
      await saveWorkbook(ctx, out);
      io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((t) => t.spec.name).join(', ') }));
      return 0;
    },
  },
};

function cliLang(option: string | true | undefined): Lang {
  if (option === 'en') return 'en';
  if (option === 'zh' || option === 'zh-CN') return 'zh-CN';
  return langFromLocale(process.env.LC_ALL || process.env.LANG || null);
}

function helpText(lang: Lang, tr: Translate): string {
  const lines = [tr('cli.help.usage'), '', tr('cli.help.commands')];
  for (const command of Object.values(COMMANDS)) lines.push(`  ${command.usage.padEnd(58)} ${command.summary[lang]}`);
  lines.push('', tr('cli.help.footer'));
  return lines.join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, BOOLEAN_FLAGS);
  const lang = cliLang(args.options.lang);
  const tr = translator(lang);
  if (args.command === null || args.command === 'help' || args.options.help === true) {
    io.stdout(helpText(lang, tr));
    return args.command === null && args.options.help !== true ? 1 : 0;
  }
  const command = COMMANDS[args.command];
  if (!command) {
    io.stderr(tr('cli.error.unknownCommand', { command: args.command }));
    io.stderr(helpText(lang, tr));
    return 1;
  }
  try {
    return await command.run(args, { io, lang, tr });
  } catch (error) {
    io.stderr(formatError(error, tr));
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text + '\n'),
    stderr: (text) => process.stderr.write(text + '\n'),
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(String(error instanceof Error ? error.stack : error) + '\n');
      process.exitCode = 2;
    },
  );
}
