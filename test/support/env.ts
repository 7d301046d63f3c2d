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

/** In the title of every block that needs an outside program: the e2e pass selects those blocks by it (jest -t). */
export const E2E_MARK = '[e2e]';

/**
 * A describe block that needs outside programs (Chromium, LibreOffice, openpyxl); `missing` names the
 * ones not installed, with how to install them. build/test.mjs runs such blocks only in its e2e pass:
 * its unit and integration passes (SOP_TEST_SCOPE=unit) skip them unrun and leave them out of their count. When a
 * program is missing the block is skipped with one line, or fails when REQUIRE_E2E=1 (CI).
 */
export function describeE2E(title: string, missing: string[], body: () => void): void {
  const marked = `${title} ${E2E_MARK}`;
  if (process.env.SOP_TEST_SCOPE === 'unit') {
    describe.skip(marked, body);
    return;
  }
  if (missing.length === 0) {
    describe(marked, body);
    return;
  }
  const message = `${title}: needs ${missing.join(' and ')}`;
  if (process.env.REQUIRE_E2E === '1') {
    describe(marked, () => {
      it('has the programs it needs installed (REQUIRE_E2E=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  // build/test.mjs has already said, in one line, which programs are missing.
  if (process.env.SOP_TEST_SCOPE === undefined) console.warn(`Skipped — ${message}`);
  describe.skip(marked, body);
}

/** describeE2E for a block that drives Chromium; `chromium` is chromiumPath(). */
export function describeWith(chromium: string | null, name: string, fn: () => void): void {
  describeE2E(name, chromium ? [] : ['Chromium (apt-get install -y chromium)'], fn);
}
