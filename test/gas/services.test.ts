// @time-zones: the clock says today in the spreadsheet's time zone (build/test.mjs runs this suite under three time zones).
import { serialFromYmd } from '../../src/core/dates';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DocumentSettingsStore, SETTINGS_PROPERTY, SheetsClock, SheetsUi, createGasContext } from '../../src/gas/services';
import { SheetsWorkbook } from '../../src/gas/workbook';
import { FakeGas } from './fake-spreadsheet';

describe('Apps Script services', () => {
  let fake: FakeGas;
  afterEach(() => fake?.uninstall());

  test('the modules touch no Apps Script global when loaded', () => {
    for (const name of ['SpreadsheetApp', 'LockService', 'Utilities', 'PropertiesService', 'Session', 'HtmlService', 'ScriptApp', 'UrlFetchApp', 'MailApp'])
      expect(name in globalThis).toBe(false);
    jest.isolateModules(() => {
      expect(() => require('../../src/gas/services')).not.toThrow();
      expect(() => require('../../src/gas/render-tab')).not.toThrow();
      expect(() => require('../../src/gas/reminders')).not.toThrow();
    });
  });

  test('toasts go to the spreadsheet, alerts to the Ui with or without a title', () => {
    fake = new FakeGas().install();
    const ui = new SheetsUi(fake.spreadsheet);
    ui.toast('正在生成… 2/4 个群', '社群SOP助手');
    ui.toast('完成');
    ui.alert('第 3 行：无法识别的日期', '出错了');
    ui.alert('已保存');
    expect(fake.toasts.map((t) => [t.message, t.title])).toEqual([
      ['正在生成… 2/4 个群', '社群SOP助手'],
      ['完成', ''],
    ]);
    expect(fake.alerts).toEqual([
      { title: '出错了', message: '第 3 行：无法识别的日期' },
      { title: null, message: '已保存' },
    ]);
  });

  test.each([
    ['Asia/Shanghai', serialFromYmd(2026, 12, 1), '2026-12-01 01:30'],
    ['America/Los_Angeles', serialFromYmd(2026, 11, 30), '2026-11-30 09:30'],
  ])('the clock tells today in the spreadsheet time zone (%s)', (timeZone, today, nowText) => {
    fake = new FakeGas({ timeZone }).install();
    const instant = new Date(Date.UTC(2026, 10, 30, 17, 30));
    const clock = new SheetsClock(fake.spreadsheet, () => instant);
    expect(clock.today()).toBe(today);
    expect(clock.nowText()).toBe(nowText);
  });

  test.each([
    // Shanghai: no daylight time.
    ['Asia/Shanghai', serialFromYmd(2026, 12, 14), 20 * 60, 480],
    // Los Angeles: 8 March 2026 02:00 the clocks go forward; 1 November 2026 02:00 they go back.
    ['America/Los_Angeles', serialFromYmd(2026, 3, 7), 20 * 60, -480],
    ['America/Los_Angeles', serialFromYmd(2026, 3, 8), 12 * 60, -420],
    ['America/Los_Angeles', serialFromYmd(2026, 11, 1), 12 * 60, -480],
    ['UTC', serialFromYmd(2026, 7, 1), 9 * 60, 0],
  ])('the clock tells the spreadsheet time zone’s offset at a local time (%s, day %i, minute %i): %i', (timeZone, day, minute, offset) => {
    fake = new FakeGas({ timeZone }).install();
    const clock = new SheetsClock(fake.spreadsheet, () => new Date(Date.UTC(2026, 10, 30)));
    expect(clock.timeZone()).toBe(timeZone);
    expect(clock.offsetMinutes(day, minute)).toBe(offset);
  });

  describe('document settings', () => {
    beforeEach(() => {
      fake = new FakeGas().install();
    });

    test('nothing stored, or something unreadable stored, loads as no settings', () => {
      const store = new DocumentSettingsStore();
      expect(store.load()).toEqual({});
      for (const raw of ['{broken', '[1,2]', '"text"', 'null']) {
        fake.documentProperties.set(SETTINGS_PROPERTY, raw);
        expect(store.load()).toEqual({});
      }
    });

    test('saved settings load back as one JSON property, unknown keys dropped', () => {
      const store = new DocumentSettingsStore();
      const settings = { ...DEFAULT_SETTINGS, language: 'en' as const, classMinutes: 60 };
      store.save(settings);
      expect([...fake.documentProperties.keys()]).toEqual([SETTINGS_PROPERTY]);
      expect(store.load()).toEqual(settings);
      fake.documentProperties.set(SETTINGS_PROPERTY, JSON.stringify({ weekStart: 'sun', secret: 1 }));
      expect(store.load()).toEqual({ weekStart: 'sun' });
    });
  });

  test('the context wires the active spreadsheet and the user locale', () => {
    fake = new FakeGas({ locale: 'en_US' }).install();
    const ctx = createGasContext();
    expect(ctx.locale).toBe('en_US');
    expect(ctx.workbook).toBeInstanceOf(SheetsWorkbook);
    expect(ctx.workbook.activeTabName()).toBe('Sheet1');
    ctx.settings.save({ ...DEFAULT_SETTINGS, weekStart: 'sun' });
    expect(ctx.settings.load().weekStart).toBe('sun');
  });
});
