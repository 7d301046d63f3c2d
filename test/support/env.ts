/**
 * Which external programs the e2e suites may use. build/test.mjs finds them and passes their paths;
 * a suite whose program is missing is skipped (REQUIRE_E2E=1 makes build/test.mjs fail instead).
 */
export function chromiumPath(): string | null {
  const fromRunner = process.env.SOP_CHROMIUM;
  if (fromRunner !== undefined) return fromRunner || null;
  return require('node:fs').existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

export function sofficePath(): string | null {
  const fromRunner = process.env.SOP_SOFFICE;
  if (fromRunner !== undefined) return fromRunner || null;
  const found = require('node:child_process').spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || null : null;
}

/** describe when the program exists, describe.skip otherwise — unless REQUIRE_E2E=1, where missing fails. */
export function describeWith(program: string | null, name: string, fn: () => void): void {
  if (program || process.env.REQUIRE_E2E === '1') describe(name, fn);
  else describe.skip(name, fn);
}
