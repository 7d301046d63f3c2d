/**
 * The feature registry: the menu, the API table and the Apps Script globals all come from it, and a
 * request a sidebar sends is checked for shape before any use case sees it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, callApi, type ClientApi } from '../../src/app/api';
import { MENU, menuCommand, pageLabel, type SidebarPage } from '../../src/app/menu';
import { FEATURES } from '../../src/app/registry';
import { createLocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';

describe('the feature registry', () => {
  test('the menu lists each feature’s items in registry order, with a separator above Team & settings', () => {
    expect(MENU.map((item) => (item === 'separator' ? item : item.fn))).toEqual([
      'showSopSidebar',
      'showGanttSidebar',
      'showCalendarSidebar',
      'refreshCalendars',
      'showMetricsSidebar',
      'computeMetricsHere',
      'showTodayBoard',
      'showReviewSidebar',
      'showReminderSidebar',
      'separator',
      'showTeamSidebar',
      'showHelp',
      'selfTest',
    ]);
    expect(menuCommand('showTeamSidebar')).toEqual({ label: 'menu.team', fn: 'showTeamSidebar', page: 'team' });
    expect(pageLabel('metrics')).toBe('metrics.menu.sidebar');
  });

  test('each sidebar page is opened by its own feature’s menu item, and every page has one', () => {
    for (const feature of FEATURES) {
      for (const item of feature.menu) if ('page' in item) expect(item.page).toBe(feature.page);
      if (feature.page) expect(feature.menu.some((item) => 'page' in item && item.page === feature.page)).toBe(true);
    }
    const pages: SidebarPage[] = FEATURES.flatMap((feature) => (feature.page ? [feature.page] : []));
    expect(pages.sort()).toEqual(['calendar', 'gantt', 'help', 'metrics', 'remind', 'review', 'sop', 'team']);
  });

  test('the API table is the union of the features’ tables, and no two entries claim one global name', () => {
    const apiNames = FEATURES.flatMap((feature) => Object.keys(feature.api));
    expect(Object.keys(api).sort()).toEqual([...apiNames].sort());
    const globals = [
      'onOpen',
      'onInstall',
      ...apiNames,
      ...MENU.flatMap((item) => (item === 'separator' ? [] : [item.fn])),
      ...FEATURES.flatMap((feature) => Object.keys(feature.customFunctions ?? {})),
    ];
    expect(globals.filter((name, index) => globals.indexOf(name) !== index)).toEqual([]);
    // Apps Script hides names ending in "_" from the menu and google.script.run.
    for (const name of globals) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]$/);
  });

  test('a feature imports neither the menu, the API table nor the registry (no import circle)', () => {
    const dir = join(__dirname, '../../src/app/features');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect({ file, imports: source.match(/from '\.\.\/(menu|api|registry)'/g) ?? [] }).toEqual({ file, imports: [] });
    }
  });

  test('the client’s types come from the registry’s functions', () => {
    // Compile-time checks: tsc fails the build when the registry stops typing the sidebar's calls.
    const typed = (client: ClientApi) => [
      client.previewSop({ template: 'camp-7day', anchor: '2026-12-14', groups: 'A群' }),
      // @ts-expect-error the SOP form has no field "anchorDate"
      client.previewSop({ template: 'camp-7day', anchorDate: '2026-12-14', groups: 'A群' }),
      // @ts-expect-error a Gantt request needs its plan tab
      client.generateGantt({}),
    ];
    expect(typeof typed).toBe('function');
    // @ts-expect-error "reports" is not a sidebar page
    const notAPage: SidebarPage = 'reports';
    expect(notAPage).toBe('reports');
  });
});

describe('requests are checked before a use case runs', () => {
  const takesRequest = Object.entries(api as unknown as Record<string, (...args: unknown[]) => unknown>).filter(([, fn]) => fn.length >= 2);

  test('every API function that takes a request is listed here, so none is left unchecked by mistake', () => {
    expect(takesRequest.map(([name]) => name).sort()).toEqual(
      [
        'computeMetrics',
        'computeRawMetrics',
        'draftMonth',
        'exportCalendarIcs',
        'exportSopIcs',
        'generateCalendar',
        'generateGantt',
        'generateReview',
        'generateSop',
        'generateTodayBoard',
        // The sidebars' state getters take { quick } (StateRequest), checked like any request.
        'getCalendarState',
        'getGanttState',
        'getMetricsState',
        'getReviewState',
        'getSopState',
        'getTodayItems',
        'previewGantt',
        'previewReminders',
        'previewReview',
        'previewSop',
        'printLink',
        'saveReminderSettings',
        'saveSettings',
        'saveSopTemplate',
        'saveTeam',
        'sendTestReminder',
        'showHelpSidebar',
      ].sort(),
    );
  });

  test.each(['zh-CN', 'en'] as const)('a number where a request belongs is refused in %s, with nothing written and no toast', (lang) => {
    const ctx = createDemoContext({ locale: lang === 'en' ? 'en_US' : 'zh_CN' });
    const tabsBefore = ctx.workbook.listTabs();
    for (const [name] of takesRequest) {
      const response = callApi(ctx, name, [42]);
      expect({ name, ok: response.ok }).toEqual({ name, ok: false });
      if (response.ok) continue;
      expect(response.error.problems).toHaveLength(1);
      expect(response.error.message).toContain(lang === 'en' ? '"request": expected ' : '“request”不对：应为 ');
    }
    expect(ctx.workbook.listTabs()).toEqual(tabsBefore);
    expect(ctx.ui.messages).toEqual([]);
  });

  test('a wrong field in a team row shows beside that row', () => {
    const response = callApi(createLocalContext({ locale: 'en_US' }), 'saveTeam', [[{ name: 'Ann' }, { name: 'Bo', email: 7 }]]);
    expect(response).toEqual({
      ok: false,
      error: {
        message: 'row 3: The Team & settings sidebar sent a wrong "1.email": expected string, got 7. Close the sidebar, open it again and retry.',
        problems: [
          {
            text: 'row 3: The Team & settings sidebar sent a wrong "1.email": expected string, got 7. Close the sidebar, open it again and retry.',
            row: 3,
            column: undefined,
          },
        ],
      },
    });
  });
});
