/**
 * `npm run --silent cli -- <command>`: the same use cases as the sidebar, on files. Results go to
 * stdout (JSON with --json), progress and errors to stderr; exit code 1 on bad input.
 */
import { formatError, formatProblem, type Problem } from '../core/errors';
import { translator, type Lang, type Translate } from '../core/i18n';
import { GLOBAL_OPTIONS, langOfOption, optionText, parseCommandLine } from './cli/args';
import { calendarCommands } from './cli/calendar';
import { demoCommands } from './cli/demo';
import { ganttCommands } from './cli/gantt';
import { checkIcsFile, checkOutputFile } from './cli/io';
import { metricsCommands } from './cli/metrics';
import { sopCommands } from './cli/sop';
import { todayCommands } from './cli/today';
import { reviewCommands } from './cli/review';
import { remindCommands } from './cli/remind';
import type { CliCommand, CliCommands, CliIo, CliOption } from './cli/types';

export const COMMANDS: CliCommands = {
  ...sopCommands,
  ...ganttCommands,
  ...calendarCommands,
  ...metricsCommands,
  ...todayCommands,
  ...reviewCommands,
  ...remindCommands,
  ...demoCommands,
};

/** The variables that name the locale, as POSIX orders them: the first one set wins. */
export type LocaleEnvironment = Partial<Record<'LC_ALL' | 'LC_MESSAGES' | 'LANG', string>>;

/**
 * The language of the messages: --lang when given; else the locale. Servers and CI run under C or
 * POSIX, or with no locale at all: that is no choice of language, so the product's first language,
 * Chinese, is used; an English locale (en_US.UTF-8) gives English, a Chinese one Chinese, any other
 * English. A --lang naming neither language is a problem (reported in the locale's language).
 */
export function cliLanguage(option: string | undefined, environment: LocaleEnvironment): { lang: Lang; problem?: Problem } {
  const fromOption = option === undefined ? null : langOfOption(option);
  if (fromOption) return { lang: fromOption };
  const locale = (environment.LC_ALL || environment.LC_MESSAGES || environment.LANG || '').replace(/[.@].*$/, '');
  const lang: Lang = locale === '' || locale === 'C' || locale === 'POSIX' || /^zh/i.test(locale) ? 'zh-CN' : 'en';
  if (option === undefined) return { lang };
  return { lang, problem: { code: 'cli.error.badOption', params: { option: '--lang', value: option, expected: GLOBAL_OPTIONS.lang.value! } } };
}

/** "sop --template ID --anchor YYYY-MM-DD [options]": the command, its arguments and its required options. */
function synopsis(name: string, command: CliCommand, tr: Translate): string {
  const parts = [name, ...(command.arguments ?? []).map((argument) => `[${argument.name}]`)];
  for (const [option, spec] of Object.entries<CliOption>(command.options)) if (spec.required) parts.push(optionText(option, spec));
  parts.push(tr('cli.help.optionsPlaceholder'));
  return parts.join(' ');
}

function helpText(lang: Lang, tr: Translate): string {
  const lines = [tr('cli.help.usage'), '', tr('cli.help.commands')];
  for (const [name, command] of Object.entries(COMMANDS)) lines.push(`  ${synopsis(name, command, tr).padEnd(48)} ${command.summary[lang]}`);
  lines.push('', tr('cli.help.footer'));
  return lines.join('\n');
}

/** One command's help, from its declaration: the usage line, what it does, each argument and option. */
function commandHelp(name: string, command: CliCommand, lang: Lang, tr: Translate): string {
  const rows: Array<[string, string]> = [
    ...(command.arguments ?? []).map((argument): [string, string] => [argument.name, argument.summary[lang]]),
    ...[...Object.entries<CliOption>(command.options), ...Object.entries(GLOBAL_OPTIONS)].map(([option, spec]): [string, string] => [
      optionText(option, spec),
      spec.summary[lang],
    ]),
  ];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    tr('cli.help.commandUsage', { usage: synopsis(name, command, tr) }),
    command.summary[lang],
    '',
    tr('cli.help.options'),
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
  ].join('\n');
}

/**
 * Runs one command line. `environment` holds the locale variables (process.env by default), so the
 * language rule can be tested without touching the process.
 */
export async function runCli(argv: string[], io: CliIo, environment: LocaleEnvironment = process.env): Promise<number> {
  const line = parseCommandLine(argv, COMMANDS);
  const language = cliLanguage(line.lang, environment);
  const { lang } = language;
  const tr = translator(lang);
  const problems = language.problem ? [language.problem, ...line.problems] : line.problems;
  const report = (): void => io.stderr(problems.map((problem) => formatProblem(problem, tr)).join('\n'));

  if (line.command !== null && !line.declared) {
    report();
    io.stderr(helpText(lang, tr));
    return 1;
  }
  if (line.help) {
    io.stdout(line.declared ? commandHelp(line.command!, line.declared, lang, tr) : helpText(lang, tr));
    return 0;
  }
  if (!line.declared) {
    if (problems.length) report();
    io.stdout(helpText(lang, tr));
    return 1;
  }
  if (problems.length) {
    report();
    return 1;
  }
  try {
    // Every command's --out is a workbook to write, its --ics a calendar file: checked before any work, so a typo costs nothing.
    const out = line.args.options.out;
    if (typeof out === 'string') checkOutputFile(out);
    const ics = line.args.options.ics;
    if (typeof ics === 'string') checkIcsFile(ics);
    return await line.declared.run(line.args, { io, lang, tr });
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
