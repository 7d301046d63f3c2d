/** 诊断 / Self-test: one menu item that runs every feature in temporary tabs and reports (no sidebar, no API). */
import { defineFeature } from '../feature';
import { runSelfTest } from '../selftest';

export const selfTestFeature = defineFeature({
  menu: [{ label: 'selftest.menu', fn: 'selfTest', action: (ctx) => runSelfTest(ctx).report, metered: true }],
  api: {},
});
