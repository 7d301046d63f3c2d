/** The suites where dates cross the edge (Sheets' Date objects, .xlsx cells, the clock, the CLI): each says `@time-zones` in its first five lines. */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function testFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(path));
    else if (entry.name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

/** Absolute paths of the `@time-zones` suites under `testRoot`. */
function timeZoneSuites(testRoot) {
  return testFiles(testRoot).filter((path) =>
    readFileSync(path, 'utf8')
      .split('\n', 5)
      .some((line) => line.includes('@time-zones')),
  );
}

module.exports = { timeZoneSuites };
