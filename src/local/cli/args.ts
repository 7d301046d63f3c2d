/** Command-line arguments: `--name value`, `--name=value`, boolean flags, positionals. */
export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positionals.push(arg);
    } else if (m[2] !== undefined) {
      options[m[1]] = m[2];
    } else if (booleanFlags.has(m[1]) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) {
      options[m[1]] = true;
    } else {
      options[m[1]] = argv[++i];
    }
  }
  if (arg0IsHelp(argv)) return { command: 'help', positionals: [], options };
  return { command: positionals.shift() ?? null, positionals, options };
}

function arg0IsHelp(argv: string[]): boolean {
  return argv[0] === '--help' || argv[0] === '-h';
}
