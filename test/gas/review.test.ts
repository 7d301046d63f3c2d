/**
 * 复盘 / Review in Sheets: the menu opens its sidebar; the sidebar's calls (state, preview, generate)
 * through the globals against the recording fake of Apps Script. A cohort spelt differently in the
 * metrics paste is compared only once confirmed, and the confirmation is kept with the review tab.
 */
import { GLOBALS } from '../../src/gas/main';
import { MARKER_KEY } from '../../src/gas/workbook';
import { FakeGas, installFakeGas } from './fake-spreadsheet';

const { generateSop, getReviewState, generateReview, onOpen, previewReview, saveTeam, showReviewSidebar } = GLOBALS;

let fake: FakeGas;
afterEach(() => fake?.uninstall());

function value<T>(result: unknown): T {
  const envelope = result as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

function reviewMarkers(): Array<{ tab: string; about: Record<string, string> | undefined }> {
  return fake.spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(MARKER_KEY)
    .find()
    .map((m) => ({ tab: m.getLocation().getSheet()!.getName(), marker: JSON.parse(m.getValue() ?? '{}') }))
    .filter((entry) => entry.marker.kind === 'review')
    .map((entry) => ({ tab: entry.tab, about: entry.marker.about }));
}

/** Two past cohorts of one group, and a paste that writes the second one "11期". */
function twoCohorts(): void {
  fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
  saveTeam([{ name: '林晓', role: 'operator' }]);
  generateSop({ template: 'big-class-28d', anchor: '2026-09-07', groups: 'Java引流5群', cohort: '第10期' });
  generateSop({ template: 'big-class-28d', anchor: '2026-10-12', groups: 'Java引流5群', cohort: '第11期' });
  const paste = fake.spreadsheet.insertSheet('各期转化');
  const rows = [
    ['群名称', '期次', '群人数', '到课人数', '完课人数', '成单人数', '收入'],
    ['Java引流5群', '第10期', 420, 130, 70, 11, 63800],
    ['Java引流5群', '11期', 410, 150, 80, 14, 81200],
  ];
  paste.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
}

describe('复盘 in Sheets', () => {
  test('the menu lists the review sidebar, which opens on its page', () => {
    fake = installFakeGas({ locale: 'en_US' });
    fake.htmlFiles.set('sidebar-review', '<html><body><div id="app"></div></body></html>');
    onOpen({ authMode: 'NONE' });
    const items = fake.menus
      .flatMap((menu) => menu.items)
      .filter((item): item is { caption: string; functionName: string } => typeof item === 'object' && 'functionName' in item);
    expect(items.filter((item) => item.functionName.startsWith('showReview'))).toEqual([expect.objectContaining({ functionName: 'showReviewSidebar' })]);
    showReviewSidebar();
    const output = fake.dialogs.find((d) => d.kind === 'sidebar')!.content as { getContent(): string };
    expect(output.getContent()).toContain('window.__SOP_BOOT__={"page":"review","lang":"en"');
  });

  test('a differently spelt cohort waits for the user’s word; confirmed once, it is compared and remembered', () => {
    twoCohorts();
    const state = value<{ template: string; cohorts: string[]; metricsTab: string; confirmedCohorts: unknown[] }>(getReviewState());
    expect(state).toMatchObject({ template: 'big-class-28d', cohorts: ['第10期', '第11期'], metricsTab: '各期转化', confirmedCohorts: [] });

    const before = value<{ review: { proposed: unknown[]; cohorts: Array<{ results: unknown }>; unmatched: { sop: string[]; metrics: string[] } } }>(
      previewReview({}),
    );
    expect(before.review.proposed).toEqual([{ sop: '第11期', metrics: '11期', confirmed: false }]);
    expect(before.review.cohorts.map((c) => c.results !== null)).toEqual([true, false]);
    expect(before.review.unmatched).toEqual({ sop: ['Java引流5群 · 第11期'], metrics: ['Java引流5群 · 11期'] });
    expect(reviewMarkers()).toEqual([]);

    const confirmed = [{ sop: '第11期', metrics: '11期' }];
    const written = value<{ tab: string; review: { cohorts: Array<{ results: unknown }> } }>(
      generateReview({ template: 'big-class-28d', confirmedCohorts: confirmed }),
    );
    expect(written.review.cohorts.every((c) => c.results !== null)).toBe(true);
    expect(reviewMarkers()).toEqual([{ tab: written.tab, about: expect.objectContaining({ confirmedCohorts: JSON.stringify([['第11期', '11期']]) }) }]);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe(written.tab);

    // Reopened: the confirmation comes back, and the menu-less generate uses it.
    expect(value<{ confirmedCohorts: unknown[] }>(getReviewState()).confirmedCohorts).toEqual(confirmed);
    const again = value<{ review: { proposed: unknown[]; cohorts: Array<{ results: unknown }> } }>(previewReview({}));
    expect(again.review.proposed).toEqual([{ sop: '第11期', metrics: '11期', confirmed: true }]);
    expect(again.review.cohorts.every((c) => c.results !== null)).toBe(true);

    // Un-ticked in the sidebar: no longer confirmed, and the marker forgets it.
    value(generateReview({ confirmedCohorts: [] }));
    expect(reviewMarkers()[0].about?.confirmedCohorts).toBeUndefined();
    expect(value<{ confirmedCohorts: unknown[] }>(getReviewState()).confirmedCohorts).toEqual([]);
  });

  test('a refused request writes nothing and names the field', () => {
    twoCohorts();
    const result = generateReview({ confirmedCohorts: [{ sop: '第11期' }] }) as { ok: boolean; problems?: Array<{ text: string }> };
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('confirmedCohorts.0.metrics');
    expect(reviewMarkers()).toEqual([]);
  });

  test('opening the sidebar and generating stay within the document-call budget', () => {
    twoCohorts();
    fake.resetCalls();
    value(getReviewState());
    const open = { calls: fake.documentCalls, writes: fake.writes };
    fake.resetCalls();
    value(generateReview({ confirmedCohorts: [{ sop: '第11期', metrics: '11期' }] }));
    // Opening writes nothing; generating reads each chosen SOP tab and the paste once, in one round trip.
    expect(open.writes).toBe(0);
    expect(open.calls).toBeLessThan(40);
    expect(fake.documentCalls).toBeLessThan(80);
    expect(fake.roundTrips).toBeLessThanOrEqual(2);
  });
});
