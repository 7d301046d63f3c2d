/**
 * `npm run --silent cli -- <command>`: the same use cases as the sidebar, on files. Results go to
 * stdout (JSON with --json), progress and errors to stderr; exit code 1 on bad input.
 */
import { formatError } from '../core/errors';
import { langFromLocale, translator, Lang, Translate } from '../core/i18n';
import { parseArgs } from './cli/args';
import { calendarCommands } from './cli/calendar';
import { demoCommands } from './cli/demo';
import { ganttCommands } from './cli/gantt';
import { metricsCommands } from './cli/metrics';
import { sopCommands } from './cli/sop';
import type { CliCommands, CliIo } from './cli/types';

/** Flags that never take a value. */
const BOOLEAN_FLAGS = new Set(['json', 'help', 'working-days', 'draft', 'use-template-texts']);

export const COMMANDS: CliCommands = {
  ...sopCommands,
  ...ganttCommands,
  ...calendarCommands,
  ...metricsCommands,
  ...demoCommands,
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
