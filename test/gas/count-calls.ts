/** Renders a TabSpec into a fresh recording fake: for the call-count tests and the bench script. */
import type { TabSpec } from '../../src/core/tab/spec';
import { renderTab } from '../../src/gas/render-tab';
import { FakeGas, FakeGasOptions } from './fake-spreadsheet';

export interface RenderedInFake {
  fake: FakeGas;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

/**
 * Installs a fake holding a sheet named spec.name and every tab its dropdowns read from, renders
 * spec into that sheet with only the render's calls recorded, and leaves the fake installed: the
 * caller uninstalls it.
 */
export function renderIntoFake(spec: TabSpec, options: FakeGasOptions = {}): RenderedInFake {
  const sources = (spec.validations ?? []).flatMap((v) => (v.rule.type === 'listFromRange' && v.rule.tab !== spec.name ? [v.rule.tab] : []));
  const fake = new FakeGas({ ...options, sheetNames: [...new Set([spec.name, ...sources])] }).install();
  try {
    const sheet = fake.spreadsheet.getSheetByName(spec.name) as GoogleAppsScript.Spreadsheet.Sheet;
    fake.resetCalls();
    renderTab(sheet, spec, { spreadsheet: fake.spreadsheet });
    return { fake, sheet };
  } catch (error) {
    fake.uninstall();
    throw error;
  }
}

/** The document calls (reads + writes; handles and builders are free) renderTab makes to draw spec into a sheet. */
export function countDocumentCalls(spec: TabSpec): number {
  const { fake } = renderIntoFake(spec);
  fake.uninstall();
  return fake.documentCalls;
}

/** Every Apps Script call renderTab makes to draw spec into a sheet (handles and builders too): the bench's figure. */
export function countCalls(spec: TabSpec): number {
  const { fake } = renderIntoFake(spec);
  fake.uninstall();
  return fake.callCount;
}
