/**
 * The Node test environment in a set time zone: build/test.mjs runs the integration suites once under
 * Asia/Shanghai and the `@time-zones` suites again under America/Los_Angeles and UTC, all in one jest
 * run (one start-up, both workers busy to the end) instead of three runs in a row.
 *
 * Node re-reads its time zone whenever `process.env.TZ` is assigned (Date and Intl of every context,
 * the sandbox's included, and the environment of the programs a suite starts follow), and a worker runs
 * one suite at a time, so each suite sets the zone of its project before anything of it runs.
 * `globalThis.SOP_TIME_ZONE` lets a suite check that the switch happened (test/local/clock.test.ts);
 * `globalThis.SOP_EXTRA_ZONE` is true in the passes after the first, where a `@time-zones` suite
 * registers only its tests whose outcome can depend on the zone (test/support/zones.ts).
 */
const { TestEnvironment } = require('jest-environment-node');

class TimeZoneEnvironment extends TestEnvironment {
  constructor(config, context) {
    const options = config.projectConfig.testEnvironmentOptions ?? {};
    const timeZone = options.timeZone;
    if (timeZone) process.env.TZ = timeZone;
    super(config, context);
    if (timeZone) this.global.SOP_TIME_ZONE = timeZone;
    this.global.SOP_EXTRA_ZONE = Boolean(timeZone) && options.firstZone === false;
  }
}

module.exports = TimeZoneEnvironment;
