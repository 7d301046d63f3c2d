/**
 * The command line read strictly against the commands' declarations: `<command> [--name value |
 * --name=value | --flag | positional]…`. An option the command does not declare, a flag given a
 * value, a value missing, an option given twice with two values, a required option missing, an
 * argument too many — each is a problem, all of them collected, never a silent guess.
 */
import { monthKey } from '../../core/calendar/grid';
import { readDate, readMonth, toIso } from '../../core/dates';
import type { Problem } from '../../core/errors';
import type { Lang, Translate } from '../../core/i18n';
import type { CliCommand, CliCommands, CliOption } from './types';

export interface ParsedArgs<Name extends string = string> {
  positionals: string[];
  options: Partial<Record<Name, string | true>>;
}

/** The options every command takes, whatever it declares. */
export const GLOBAL_OPTIONS: Record<'lang' | 'help', CliOption> = {
  lang: {
    value: 'zh|en',
    summary: {
      'zh-CN': '输出语言（默认按 LC_ALL / LC_MESSAGES / LANG；C、POSIX 或未设置时为中文）',
      en: 'Output language (default from LC_ALL / LC_MESSAGES / LANG; Chinese under C, POSIX or none)',
    },
  },
  help: { summary: { 'zh-CN': '显示此帮助', en: 'Show this help' } },
};

export interface CommandLine {
  /** The command named (`help sop` names sop); null when none is. */
  command: string | null;
  /** Its declaration; null for an unknown command or none. */
  declared: CliCommand | null;
  args: ParsedArgs;
  /** The value of --lang wherever it stands (an unknown command's message is in that language too). */
  lang: string | undefined;
  /** --help, -h or the `help` command. */
  help: boolean;
  /** Everything wrong with the command line; the command does not run while there is any. */
  problems: Problem[];
}

/** `--name` or `--name=value`; the value may hold anything, = and line breaks included. */
const LONG_OPTION = /^--([^=]+)(?:=([\s\S]*))?$/;

/** The commands are looked up by own name only: "__proto__" or "toString" is an unknown command. */
function commandNamed(commands: CliCommands, name: string): CliCommand | null {
  return Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : null;
}

export function parseCommandLine(argv: string[], commands: CliCommands): CommandLine {
  const line: CommandLine = { command: null, declared: null, args: { positionals: [], options: {} }, lang: langOption(argv), help: false, problems: [] };
  const at = commandIndex(argv);
  if (at.problem) line.problems.push(at.problem);
  let rest = argv.filter((_, i) => i !== at.index);
  let name = at.index === null ? null : argv[at.index];
  if (name === 'help') {
    line.help = true;
    const described = commandIndex(rest);
    name = described.index === null ? null : rest[described.index];
    rest = rest.filter((_, i) => i !== described.index);
  }
  line.command = name;
  if (name === null) {
    line.help ||= rest.some((arg) => arg === '--help' || arg === '-h');
    return line;
  }
  line.declared = commandNamed(commands, name);
  if (!line.declared) {
    line.problems.push({ code: 'cli.error.unknownCommand', params: { command: name } }, ...suggestion(name, Object.keys(commands)));
    return line;
  }
  const given = readOptions(rest, name, line.declared, line);
  if (line.help) return line;
  for (const [option, spec] of Object.entries<CliOption>(line.declared.options)) {
    // An option given without its value has been named already.
    if (spec.required && !given.has(option)) {
      line.problems.push({ code: 'cli.error.missingOption', params: { option: optionText(option, spec) } });
    }
  }
  return line;
}

/**
 * Where the command stands: the first argument that is neither a global option nor its value. An
 * option before it is refused: which options exist, and whether it takes a value, depends on the command.
 */
function commandIndex(argv: string[]): { index: number | null; problem?: Problem } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return { index: null };
    if (arg === '--help' || arg === '-h' || arg.startsWith('--lang=')) continue;
    if (arg === '--lang') {
      i++;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { index: null, problem: { code: 'cli.error.optionBeforeCommand', params: { option: arg } } };
    return { index: i };
  }
  return { index: null };
}

/** The last --lang given (before a lone `--`). */
function langOption(argv: string[]): string | undefined {
  let lang: string | undefined;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const m = LONG_OPTION.exec(argv[i]);
    if (m?.[1] !== 'lang') continue;
    if (m[2] !== undefined) lang = m[2];
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) lang = argv[++i];
  }
  return lang;
}

/** Reads the command's options and arguments into `line`; returns the names of the options given. */
function readOptions(argv: string[], command: string, declared: CliCommand, line: CommandLine): Set<string> {
  const given = new Set<string>();
  const specs = new Map<string, CliOption>([...Object.entries<CliOption>(declared.options), ...Object.entries(GLOBAL_OPTIONS)]);
  const { options, positionals } = line.args;
  const problems = line.problems;
  const maxPositionals = declared.arguments?.length ?? 0;
  const positional = (arg: string): void => {
    if (positionals.length < maxPositionals) positionals.push(arg);
    else problems.push({ code: 'cli.error.unexpectedArgument', params: { argument: arg, command } });
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      argv.slice(i + 1).forEach(positional);
      break;
    }
    if (arg === '-h') {
      line.help = true;
      continue;
    }
    const m = LONG_OPTION.exec(arg);
    if (!m) {
      if (arg.startsWith('-') && arg !== '-') problems.push(unknownOption(arg, command, specs));
      else positional(arg);
      continue;
    }
    const name = m[1];
    const spec = specs.get(name);
    given.add(name);
    const next = argv[i + 1];
    const nextIsValue = next !== undefined && !next.startsWith('--');
    if (!spec) {
      problems.push(
        unknownOption(`--${name}`, command, specs),
        ...suggestion(
          `--${name}`,
          [...specs.keys()].map((key) => `--${key}`),
        ),
      );
      // `--cohrt 12期`: the word after an unknown option is most likely its value, not an argument to complain about too.
      if (m[2] === undefined && nextIsValue) i++;
      continue;
    }
    if (spec.value === undefined) {
      if (m[2] !== undefined) problems.push({ code: 'cli.error.flagWithValue', params: { option: `--${name}`, value: m[2] } });
      else if (name === 'help') line.help = true;
      else options[name] = true;
      continue;
    }
    let value = m[2];
    if (value === undefined && nextIsValue) value = argv[++i];
    if (value === undefined) {
      problems.push({ code: 'cli.error.missingValue', params: { option: `--${name}`, value: spec.value } });
      continue;
    }
    if (name === 'lang') continue;
    const before = options[name];
    if (typeof before === 'string' && before !== value) {
      problems.push({ code: 'cli.error.repeatedOption', params: { option: `--${name}`, first: before, second: value } });
    }
    options[name] = value;
  }
  return given;
}

function unknownOption(option: string, command: string, specs: Map<string, CliOption>): Problem {
  const options = [...specs].map(([name, spec]) => optionText(name, spec)).join(', ');
  return { code: 'cli.error.unknownOption', params: { option, command, options } };
}

/** "--out FILE.xlsx", "--json": an option as help and messages show it. */
export function optionText(name: string, spec: CliOption): string {
  return spec.value === undefined ? `--${name}` : `--${name} ${spec.value}`;
}

/** "Did you mean --cohort?" when a known name is within two edits of the word typed. */
function suggestion(word: string, known: string[]): Problem[] {
  let best: string | null = null;
  let bestDistance = 3;
  for (const name of known) {
    const distance = editDistance(word, name);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best === null ? [] : [{ code: 'cli.error.didYouMean', params: { suggestion: best } }];
}

/** Levenshtein distance, on two short words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The language a --lang value names: zh, zh-CN, zh_CN … or en, en-US …; null for anything else. */
export function langOfOption(value: string): Lang | null {
  if (/^zh([-_].*)?$/i.test(value)) return 'zh-CN';
  if (/^en([-_].*)?$/i.test(value)) return 'en';
  return null;
}

/**
 * A date option read as every date is read (2026-12-07, 2026/12/7, 2026年12月7日 …), as ISO for the
 * use case; null, with a problem naming the option and the value, when it is not a date the product takes.
 * (The problem is worded here, at the edge: its message holds the date reader's own, translated.)
 */
export function dateOption(name: string, value: string, tr: Translate, problems: Problem[]): string | null {
  const reading = readDate(value);
  if ('value' in reading) return toIso(reading.value);
  problems.push({ code: 'cli.error.inOption', params: { option: `--${name}`, message: tr(reading.problem, reading.params) } });
  return null;
}

/** A month option (2026-12, 2026/12, 2026年12月) as "YYYY-MM"; null, with a problem, otherwise. */
export function monthOption(name: string, value: string, tr: Translate, problems: Problem[]): string | null {
  const reading = readMonth(value);
  if ('value' in reading) return monthKey(reading.value.year, reading.value.month);
  problems.push({ code: 'cli.error.inOption', params: { option: `--${name}`, message: tr(reading.problem, reading.params) } });
  return null;
}
