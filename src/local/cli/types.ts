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

export interface CliCommand {
  /** One line for --help, in both languages. */
  summary: Record<Lang, string>;
  usage: string;
  run(args: ParsedArgs, env: CliEnv): Promise<number>;
}

export type CliCommands = Record<string, CliCommand>;
