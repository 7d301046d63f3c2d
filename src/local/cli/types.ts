/** The shape of a CLI command; each feature keeps its commands in src/local/cli/<feature>.ts. */
import type { Lang, Translate } from '../../core/i18n';
import type { ParsedArgs } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliEnv {
  io: CliIo;
  lang: Lang;
  tr: Translate;
}

/** One option of a command. Declared once: the parser accepts exactly these, and --help lists them. */
export interface CliOption {
  /** What its value looks like ("FILE.xlsx", "YYYY-MM-DD"); absent for a flag, which takes no value. */
  value?: string;
  /** The command cannot run without it: the parser says so, and the usage line shows it without brackets. */
  required?: boolean;
  /** One line for --help, in both languages. */
  summary: Record<Lang, string>;
}

/** A positional argument (metrics' FILE). */
export interface CliArgument {
  name: string;
  summary: Record<Lang, string>;
}

export interface CliCommand<Name extends string = string> {
  /** One line for --help, in both languages. */
  summary: Record<Lang, string>;
  /** Positional arguments, in order; a command without them takes none. */
  arguments?: CliArgument[];
  /** The command's options by name (without the dashes), in the order --help lists them. */
  options: Record<Name, CliOption>;
  run(args: ParsedArgs<Name>, env: CliEnv): Promise<number>;
}

/**
 * Declares a command. Its option names become the only names `option(args, …)` and `args.options`
 * accept in its run function, so an option read but never declared does not compile.
 */
export function defineCommand<Name extends string>(command: CliCommand<Name>): CliCommand<Name> {
  return command;
}

/** Commands by name. (run is a method, so a command of its own option names still fits the table.) */
export type CliCommands = Record<string, CliCommand>;
