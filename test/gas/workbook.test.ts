// @time-zones: Sheets hands the adapter Date objects, read in the spreadsheet's time zone (build/test.mjs runs this suite under three time zones).
import { AppError } from '../../src/core/errors';
import { serialFromYmd } from '../../src/core/dates';
import { CellValue, TabSpec, range } from '../../src/core/tab/spec';
import { MARKER_KEY, SheetsWorkbook } from '../../src/gas/workbook';
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import { FakeGas } from './fake-spreadsheet';

function teamSpec(names: string[] = ['小王', '小李']): TabSpec {
  return {
    name: '团队',
    marker: { kind: 'team', key: {} },
    columns: [{ key: 'name' }, { key: 'role' }],
    rows: [['姓名', '角色'], ...names.map((name) => [name, '运营'])],
    headerRows: 1,
    frozenRows: 1,
  };
}

function sopSpec(): TabSpec {
  return {
    name: 'SOP·第12期',
    marker: { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } },
    columns: [{ key: 'item' }, { key: 'owner' }],
    rows: [
      ['事项', '执行人'],
      ['群公告', '小王'],
    ],
    headerRows: 1,
    validations: [{ range: range(1, 1, 1, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A' } }],
  };
}

function expectAppError(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  expect((thrown as AppError).problems[0].code).toBe(code);
}

describe('SheetsWorkbook', () => {
  let fake: FakeGas;
  let workbook: SheetsWorkbook;
  const start = (options?: ConstructorParameters<typeof FakeGas>[0]): void => {
    fake = new FakeGas(options).install();
    workbook = new SheetsWorkbook(fake.spreadsheet);
  };
  /** Each action in Sheets is one server call with its own SheetsWorkbook: it sees what people changed before it. */
  const nextAction = (): void => {
    workbook = new SheetsWorkbook(fake.spreadsheet);
  };
  afterEach(() => fake.uninstall());

  test('rememberAbout rewrites what a marker says about its tab with one write, also for a tab the same action created; a tab without a marker is refused', () => {
    start({ sheetNames: ['我的表'] });
    workbook.writeTab(teamSpec());
    workbook.writeTab(sopSpec());
    workbook.markedTabs();
    fake.resetCalls();
    workbook.rememberAbout('SOP·第12期', { first: '2026-12-01', pushes: '[]' });
    expect(fake.costSummary()).toMatchObject({ writes: 1, roundTrips: 0 });
    nextAction();
    expect(workbook.findTab('SOP·第12期')?.marker).toEqual({
      kind: 'sop',
      key: { group: 'Java引流5群', cohort: '第12期' },
      about: { first: '2026-12-01', pushes: '[]' },
    });
    // In a later action: the sheet's own metadata, one read, then the one write.
    fake.resetCalls();
    workbook.rememberAbout('SOP·第12期', { pushes: '[["2026-12-02",1]]' });
    expect(fake.costSummary()).toMatchObject({ writes: 1 });
    nextAction();
    expect(workbook.findTab('SOP·第12期')?.marker?.about).toEqual({ pushes: '[["2026-12-02",1]]' });
    expectAppError(() => workbook.rememberAbout('我的表', {}), 'error.notOurTab');
    expectAppError(() => workbook.rememberAbout('没有这个表', {}), 'error.tabNotFound');
  });

  test('a written tab carries its marker, and listing finds it again', () => {
    start({ sheetNames: ['我的表'] });
    expect(workbook.writeTab(teamSpec())).toEqual({ name: '团队', created: true, oldVersion: null });
    expect(workbook.writeTab(sopSpec())).toEqual({ name: 'SOP·第12期', created: true, oldVersion: null });
    // The action that wrote them knows its tabs without asking again…
    fake.resetCalls();
    expect(workbook.markedTabs().map((tab) => tab.name)).toEqual(['团队', 'SOP·第12期']);
    expect(workbook.markedTabs((marker) => marker.kind === 'sop').map((tab) => tab.name)).toEqual(['SOP·第12期']);
    const found = workbook.findTab('sop·第12期');
    expect(found?.marker).toEqual({ kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } });
    expect(fake.documentCalls).toBe(0); // knowing that the tab exists and its marker asks nothing more
    expect(found).toEqual({ name: 'SOP·第12期', marker: { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } } });
    expect(found?.name).toBe('SOP·第12期');
    expect(fake.documentCalls).toBe(1); // the name's spelling (the lookup ignores case), asked once when read
    expect(workbook.listTabs().map((tab) => tab.name)).toEqual(['我的表', '团队', 'SOP·第12期']);
    // …and the next action finds them by one metadata search.
    nextAction();
    expect(workbook.listTabs()).toEqual([
      { name: '我的表', marker: null },
      { name: '团队', marker: { kind: 'team', key: {} } },
      { name: 'SOP·第12期', marker: { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } } },
    ]);
    expect(fake.callsTo('Spreadsheet.createDeveloperMetadataFinder')).toHaveLength(1);
    expect(fake.callsTo('Sheet.getDeveloperMetadata')).toHaveLength(0);

    const metadata = fake.inspect('SOP·第12期').getDeveloperMetadata();
    expect(metadata.map((m) => [m.getKey(), JSON.parse(m.getValue()!)])).toEqual([
      [MARKER_KEY, { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } }],
    ]);
    expect(fake.inspect('团队').getRange('A2:A3').getValues()).toEqual([['小王'], ['小李']]);
  });

  test('a marker holding something else than {kind, key} is no marker', () => {
    start({ sheetNames: ['A', 'B'] });
    fake.inspect('A').addDeveloperMetadata(MARKER_KEY, 'not json');
    fake.inspect('B').addDeveloperMetadata(MARKER_KEY, JSON.stringify({ kind: 'spaceship', key: '' }));
    expect(workbook.listTabs().map((tab) => tab.marker)).toEqual([null, null]);
  });

  test('regenerating updates the same sheet in place and keeps its name', () => {
    start();
    workbook.writeTab(teamSpec(['小王', '小李', '小张']));
    const id = fake.inspect('团队').getSheetId();
    expect(workbook.writeTab(teamSpec(['小赵']))).toEqual({ name: '团队', created: false, oldVersion: null });
    expect(fake.book.sheets.map((sheet) => sheet.name)).toEqual(['Sheet1', '团队']);
    const sheet = fake.inspect('团队');
    expect(sheet.getSheetId()).toBe(id);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['姓名', '角色'],
      ['小赵', '运营'],
    ]);
    expect(sheet.getDeveloperMetadata()).toHaveLength(1);
  });

  test('a tab the user renamed is found by its marker, updated in place and keeps its new name', () => {
    start();
    workbook.writeTab(teamSpec());
    fake.inspect('团队').setName('我们的团队');
    nextAction();
    expect(workbook.writeTab(teamSpec())).toEqual({ name: '我们的团队', created: false, oldVersion: null });
    expect(fake.book.getSheets().map((sheet) => sheet.getName())).toEqual(['Sheet1', '我们的团队']);

    fake.seedSheet('团队', [['别人的表']]);
    nextAction();
    expect(workbook.writeTab(teamSpec())).toEqual({ name: '我们的团队', created: false, oldVersion: null });
    expect(fake.inspect('团队').getDataRange().getValues()).toEqual([['别人的表']]);
  });

  test('a sheet named like the spec without our marker is left untouched: the new tab becomes "团队 (2)"', () => {
    start({ sheetNames: ['Sheet1'] });
    fake.seedSheet('团队', [
      ['名单', '=COUNTA(A2:A)'],
      ['阿强', 1],
    ]);
    fake.seedSheet('团队 (3)', [['x']]);
    const before = fake.inspect('团队').getRange('A1:B2');
    const snapshot = [before.getValues(), before.getFormulas(), before.getBackgrounds()];

    expect(workbook.writeTab(teamSpec())).toEqual({ name: '团队 (2)', created: true, oldVersion: null });
    const after = fake.inspect('团队');
    expect([after.getMaxRows(), after.getMaxColumns()]).toEqual([1000, 26]);
    expect([after.getRange('A1:B2').getValues(), after.getRange('A1:B2').getFormulas(), after.getRange('A1:B2').getBackgrounds()]).toEqual(snapshot);
    expect(after.getDeveloperMetadata()).toHaveLength(0);

    // A tab that lost its marker is the user's: its name is skipped like any other taken one.
    fake.inspect('团队 (2)').getDeveloperMetadata()[0].remove();
    nextAction();
    expect(workbook.writeTab(teamSpec())).toEqual({ name: '团队 (4)', created: true, oldVersion: null });
  });

  test('a dropdown from "团队" reads our team tab even when it had to be named "团队 (2)"', () => {
    start();
    fake.seedSheet('团队', [['别人的表']]);
    workbook.writeTab(teamSpec());
    workbook.writeTab(sopSpec());
    const rule = fake.inspect('SOP·第12期').getRange('B2').getDataValidation()!;
    const source = rule.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(source.getSheet().getName()).toBe('团队 (2)');
  });

  test('a tab too large is refused before any sheet is created or written', () => {
    start();
    const spec: TabSpec = { ...teamSpec(), styles: [{ range: range(0, 0, 6_000_000, 2), style: { bold: true } }] };
    fake.resetCalls();
    expectAppError(() => workbook.writeTab(spec), 'error.tooLarge');
    expect(fake.calls.filter((call) => !/\.(get|is|find|with|create)/.test(call.method))).toEqual([]);
    expect(fake.book.sheets).toHaveLength(1);
  });

  test('the active tab and the markers are known without asking every tab its name (what a sidebar opens with)', () => {
    start({ sheetNames: ['我的表', '导出1', '导出2'] });
    workbook.writeTab(teamSpec());
    workbook.writeTab(sopSpec());
    nextAction();
    fake.resetCalls();
    // The markers alone: one metadata search, no name asked.
    expect(workbook.tabMarkers((marker) => marker.kind === 'sop')).toEqual([{ kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } }]);
    expect(workbook.tabMarkers().map((marker) => marker.kind)).toEqual(['team', 'sop']);
    expect(fake.reads).toBe(1);
    expect(fake.callsTo('Sheet.getName')).toHaveLength(0);
    // The active tab (writing SOP·第12期 activated it): the active sheet, its name and its own metadata.
    nextAction();
    fake.resetCalls();
    expect(workbook.activeTab()).toEqual({ name: 'SOP·第12期', marker: { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } } });
    expect(fake.reads).toBe(3);
    nextAction();
    fake.inspect('导出2').activate();
    fake.resetCalls();
    expect(workbook.activeTab()).toEqual({ name: '导出2', marker: null });
    expect(fake.reads).toBe(3);
  });

  describe('the whole workbook’s cell limit (10 million in Sheets; lowered here to 100,000)', () => {
    const LIMIT = 100_000;
    const longSpec = (rows: number, key = 'long'): TabSpec => ({
      name: `长表${key}`,
      marker: { kind: 'sop', key: { group: key } },
      columns: [{ key: 'a' }, { key: 'b' }],
      rows: Array.from({ length: rows }, (_, i) => [`行${i + 1}`, i]),
      headerRows: 1,
    });
    const noUpdate = { oldVersion: null, clear: [], clearNotes: [], columnOps: [], writes: [], oldRules: [], addedColumns: [] };
    const snapshot = () => fake.book.sheets.map((sheet) => [sheet.name, sheet.maxRows, sheet.maxCols, JSON.stringify(sheet.rows.slice(0, 5))]);

    test('tabs that fit together are made ready, then written where they were made', () => {
      start({ cellLimit: LIMIT });
      const team = teamSpec();
      const long = longSpec(20_000);
      workbook.reserveRoom([{ spec: team }, { spec: long }]);
      expect(fake.book.sheets.map((sheet) => [sheet.name, sheet.maxRows, sheet.maxCols])).toEqual([
        ['Sheet1', 1000, 26],
        ['团队', 3, 2],
        ['长表long', 20_000, 2],
      ]);
      expect(workbook.writeTab(team)).toEqual({ name: '团队', created: true, oldVersion: null });
      expect(workbook.writeTab(long)).toEqual({ name: '长表long', created: true, oldVersion: null });
      expect(fake.book.sheets).toHaveLength(3);
      expect(workbook.readTab('长表long')[19_999]).toEqual(['行20000', 19_999]);
    });

    test('a set of tabs that does not fit is refused before any is written: no sheet is left behind', () => {
      start({ cellLimit: LIMIT });
      const before = snapshot();
      expectAppError(
        () => workbook.reserveRoom([{ spec: teamSpec() }, { spec: longSpec(20_000, 'a') }, { spec: longSpec(20_000, 'b') }]),
        'error.workbookFull',
      );
      expect(snapshot()).toEqual(before);
    });

    test('one tab that does not fit is refused by writeTab itself, with no half-drawn tab', () => {
      start({ cellLimit: LIMIT });
      const before = snapshot();
      expectAppError(() => workbook.writeTab(longSpec(40_000)), 'error.workbookFull');
      expect(snapshot()).toEqual(before);
    });

    test('an update that would grow a tab past the limit leaves the tab as it was, and no old-version copy', () => {
      start({ cellLimit: LIMIT });
      workbook.writeTab(longSpec(20_000));
      const before = snapshot();
      const grow = { ...noUpdate, rowOps: [{ op: 'insert' as const, at: 5, count: 30_000 }] };
      expectAppError(() => workbook.writeTab(longSpec(50_000), grow), 'error.workbookFull');
      expect(snapshot()).toEqual(before);
      // Keeping an old version copies the whole tab: that has to fit too.
      expectAppError(() => workbook.writeTab(longSpec(20_000), { ...noUpdate, rowOps: [], oldVersion: '长表long · 旧版' }), 'error.workbookFull');
      expect(snapshot()).toEqual(before);
      // What fits is written as usual.
      expect(workbook.writeTab(longSpec(20_010), { ...noUpdate, rowOps: [{ op: 'insert', at: 5, count: 10 }] })).toMatchObject({ created: false });
      expect(fake.book.sheets.map((sheet) => sheet.maxRows)).toEqual([1000, 20_010]);
    });
  });

  test('a Gantt tab for a plan with a very long name gets a name Sheets takes, unique, and its marker', () => {
    start();
    const long = '推进表'.repeat(40);
    const result = workbook.writeTab({ ...teamSpec(), name: long, marker: { kind: 'gantt', key: { plan: long } } });
    expect(Array.from(result.name)).toHaveLength(100);
    expect(workbook.writeTab({ ...teamSpec(), name: long, marker: { kind: 'gantt', key: { plan: `${long}2` } } }).name).toMatch(/ \(2\)$/);
  });

  describe('reading', () => {
    const dec1 = serialFromYmd(2026, 12, 1);
    const eightPm = 20 / 24;
    const seeded: (string | number | boolean | null)[][] = [
      ['日期', '时间', '日期时间', '人数', '备注', '完成'],
      [dec1, eightPm, dec1 + 0.5, 232, '', true],
      [serialFromYmd(2027, 1, 31), 9.5 / 24, serialFromYmd(2026, 6, 18) + 14 / 24, 0, '-', false],
    ];
    const formats = [[], ['yyyy-mm-dd', 'hh:mm', 'yyyy-mm-dd hh:mm'], ['yyyy-mm-dd', 'hh:mm', 'yyyy-mm-dd hh:mm']];
    const expected: CellValue[][] = [
      ['日期', '时间', '日期时间', '人数', '备注', '完成'],
      [dec1, eightPm, dec1 + 0.5, 232, null, true],
      [serialFromYmd(2027, 1, 31), 9.5 / 24, serialFromYmd(2026, 6, 18) + 14 / 24, 0, '-', false],
    ];

    test.each(['Asia/Shanghai', 'America/Los_Angeles'])(
      'dates, times and blanks read the same whatever the process time zone (spreadsheet in %s)',
      (timeZone) => {
        const processZone = process.env.TZ;
        const results: CellValue[][][] = [];
        try {
          for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
            process.env.TZ = zone;
            start({ timeZone });
            fake.seedSheet('数据', seeded, formats);
            results.push(workbook.readTab('数据'));
            fake.uninstall();
          }
        } finally {
          process.env.TZ = processZone;
        }
        for (const result of results) expect(result).toEqual(expected);
      },
    );

    test('the fake hands back Date objects for date cells, as Sheets does', () => {
      start({ timeZone: 'America/Los_Angeles' });
      fake.seedSheet('数据', seeded, formats);
      expect(fake.inspect('数据').getRange('A2').getValue()).toBeInstanceOf(Date);
    });

    test('an unknown tab is an error naming it', () => {
      start();
      expectAppError(() => workbook.readTab('没有'), 'error.tabNotFound');
    });

    test('a selection of several cells is read with its tab; a single cell is no selection', () => {
      start();
      fake.seedSheet('数据', seeded, formats);
      fake.inspect('数据').getRange('D1:E2').activate();
      expect(workbook.readSelection()).toEqual({
        tab: '数据',
        values: [
          ['人数', '备注'],
          [232, null],
        ],
        top: 0,
        left: 3,
      });
      fake.inspect('数据').getRange('D2').activate();
      expect(workbook.readSelection()).toBeNull();
    });

    test('activate and activeTabName follow the active sheet', () => {
      start();
      fake.seedSheet('数据', [['x']]);
      expect(workbook.activeTabName()).toBe('Sheet1');
      workbook.activate('数据');
      expect(workbook.activeTabName()).toBe('数据');
      expectAppError(() => workbook.activate('没有'), 'error.tabNotFound');
    });
  });

  describe('withLock', () => {
    test('runs fn, flushes once, then releases the lock', () => {
      start();
      expect(workbook.withLock(() => 42)).toBe(42);
      const methods = fake.calls.map((call) => call.method);
      expect(methods.filter((m) => m === 'SpreadsheetApp.flush')).toHaveLength(1);
      expect(methods.indexOf('SpreadsheetApp.flush')).toBeLessThan(methods.indexOf('Lock.releaseLock'));
      expect(fake.callsTo('Lock.tryLock')[0].args).toEqual([10_000]);
      expect(LockService.getDocumentLock().hasLock()).toBe(false);
    });

    test('throws error.busy without running fn when another run holds the lock', () => {
      start();
      fake.lockAvailable = false;
      const fn = jest.fn();
      expectAppError(() => workbook.withLock(fn), 'error.busy');
      expect(fn).not.toHaveBeenCalled();
    });

    test('releases the lock when fn throws, and lets the error through', () => {
      start();
      expect(() =>
        workbook.withLock(() => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(LockService.getDocumentLock().hasLock()).toBe(false);
      expect(fake.callsTo('Lock.releaseLock')).toHaveLength(1);
    });
  });
});

describe('the Sheets workbook and the in-memory one (playground, CLI) follow the same rules', () => {
  let fake: FakeGas;
  afterEach(() => fake.uninstall());

  /** Both workbooks holding the same user tabs (a spreadsheet always has one, "Sheet1"). */
  const both = (userTabs: string[]): Array<SheetsWorkbook | MemoryWorkbook> => {
    fake = new FakeGas().install();
    const memory = new MemoryWorkbook();
    memory.addPlainTab('Sheet1', []);
    for (const name of userTabs) {
      fake.seedSheet(name, [['x']]);
      memory.addPlainTab(name, [['x']]);
    }
    return [new SheetsWorkbook(fake.spreadsheet), memory];
  };
  const named = (name: string, group: string): TabSpec => ({ ...sopSpec(), name, marker: { kind: 'sop', key: { group, cohort: '' } }, validations: [] });

  test('a wanted name held by a user tab in another case gets the same " (n)" in both', () => {
    const names = both(['team', 'SOP (2)']).map((workbook) => [
      workbook.writeTab({ ...teamSpec(), name: 'Team' }).name,
      workbook.writeTab(named('sop', 'a')).name,
      workbook.writeTab(named('SOP', 'b')).name,
      workbook.writeTab({ ...teamSpec(), name: 'Renamed?' }).name,
    ]);
    expect(names[0]).toEqual(['Team (2)', 'sop', 'SOP (3)', 'Team (2)']);
    expect(names[1]).toEqual(names[0]);
  });

  test('a tab is found by its name in any case, as Sheets finds it', () => {
    const [sheets, memory] = both(['Data']);
    expect(memory.readTab('DATA')).toEqual(sheets.readTab('DATA'));
    memory.activate('data');
    expect(memory.activeTabName()).toBe('Data');
  });

  test('a tab a spreadsheet cannot hold is refused by both, before anything is written', () => {
    const spec: TabSpec = { ...teamSpec(), styles: [{ range: range(0, 0, 6_000_000, 2), style: { bold: true } }] };
    for (const workbook of both([])) {
      expectAppError(() => workbook.writeTab(spec), 'error.tooLarge');
      expect(workbook.listTabs()).toHaveLength(1);
    }
  });
});
