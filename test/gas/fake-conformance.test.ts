/**
 * The fake stands in for Apps Script, so it must not offer what Apps Script lacks or take calls in
 * a shape Apps Script would not. Two checks:
 * - at type level (`tsc --noEmit`): every public method of each fake class exists on the Apps Script
 *   interface it stands for (@types/google-apps-script), accepts the arguments of every overload
 *   there, and returns what that overload returns, with fake classes read as the interfaces they
 *   fake and Apps Script enums read as the fake's strings;
 * - at run time (jest): the same method names against the interfaces parsed from the .d.ts
 *   (gas-signatures.ts), so a misnamed method fails the test run even where types are not checked.
 *   Each call made through the fake is checked against those signatures too (argument count and
 *   types, enum values), and the fake enforces Sheets' limits: see conformance-runtime.test.ts.
 * Methods whose name starts with "_" are the fake's own plumbing and are not checked.
 */
import * as F from './fake-spreadsheet';
import { gasSignatures } from './gas-signatures';

/** Each fake class and the interface it fakes; also used to read fake types as Apps Script types. */
interface Pairs {
  Spreadsheet: [F.FakeSpreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet];
  Sheet: [F.FakeSheet, GoogleAppsScript.Spreadsheet.Sheet];
  Range: [F.FakeRange, GoogleAppsScript.Spreadsheet.Range];
  RangeList: [F.FakeRangeList, GoogleAppsScript.Spreadsheet.RangeList];
  TextStyle: [F.FakeTextStyle, GoogleAppsScript.Spreadsheet.TextStyle];
  TextStyleBuilder: [F.FakeTextStyleBuilder, GoogleAppsScript.Spreadsheet.TextStyleBuilder];
  DataValidation: [F.FakeDataValidation, GoogleAppsScript.Spreadsheet.DataValidation];
  DataValidationBuilder: [F.FakeDataValidationBuilder, GoogleAppsScript.Spreadsheet.DataValidationBuilder];
  BooleanCondition: [F.FakeBooleanCondition, GoogleAppsScript.Spreadsheet.BooleanCondition];
  ConditionalFormatRule: [F.FakeConditionalFormatRule, GoogleAppsScript.Spreadsheet.ConditionalFormatRule];
  ConditionalFormatRuleBuilder: [F.FakeConditionalFormatRuleBuilder, GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder];
  EmbeddedChart: [F.FakeEmbeddedChart, GoogleAppsScript.Spreadsheet.EmbeddedChart];
  EmbeddedChartBuilder: [F.FakeEmbeddedChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder];
  DeveloperMetadata: [F.FakeDeveloperMetadata, GoogleAppsScript.Spreadsheet.DeveloperMetadata];
  DeveloperMetadataFinder: [F.FakeDeveloperMetadataFinder, GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder];
  DeveloperMetadataLocation: [F.FakeDeveloperMetadataLocation, GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation];
  Filter: [F.FakeFilter, GoogleAppsScript.Spreadsheet.Filter];
  FilterCriteria: [F.FakeFilterCriteria, GoogleAppsScript.Spreadsheet.FilterCriteria];
  FilterCriteriaBuilder: [F.FakeFilterCriteriaBuilder, GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder];
  SpreadsheetApp: [F.FakeSpreadsheetApp, GoogleAppsScript.Spreadsheet.SpreadsheetApp];
  Ui: [F.FakeUi, GoogleAppsScript.Base.Ui];
  Menu: [F.FakeMenu, GoogleAppsScript.Base.Menu];
  Lock: [F.FakeLock, GoogleAppsScript.Lock.Lock];
  LockService: [F.FakeLockService, GoogleAppsScript.Lock.LockService];
  Utilities: [F.FakeUtilities, GoogleAppsScript.Utilities.Utilities];
  Properties: [F.FakeProperties, GoogleAppsScript.Properties.Properties];
  PropertiesService: [F.FakePropertiesService, GoogleAppsScript.Properties.PropertiesService];
  User: [F.FakeUser, GoogleAppsScript.Base.User];
  Session: [F.FakeSession, GoogleAppsScript.Base.Session];
  HtmlOutput: [F.FakeHtmlOutput, GoogleAppsScript.HTML.HtmlOutput];
  HtmlService: [F.FakeHtmlService, GoogleAppsScript.HTML.HtmlService];
  ScriptApp: [F.FakeScriptApp, GoogleAppsScript.Script.ScriptApp];
  AuthorizationInfo: [F.FakeAuthorizationInfo, GoogleAppsScript.Script.AuthorizationInfo];
  TriggerBuilder: [F.FakeTriggerBuilder, GoogleAppsScript.Script.TriggerBuilder];
  ClockTriggerBuilder: [F.FakeClockTriggerBuilder, GoogleAppsScript.Script.ClockTriggerBuilder];
  Trigger: [F.FakeTrigger, GoogleAppsScript.Script.Trigger];
  UrlFetchApp: [F.FakeUrlFetchApp, GoogleAppsScript.URL_Fetch.UrlFetchApp];
  HTTPResponse: [F.FakeHTTPResponse, GoogleAppsScript.URL_Fetch.HTTPResponse];
  MailApp: [F.FakeMailApp, GoogleAppsScript.Mail.MailApp];
}

/** A fake type read as the Apps Script type it stands for, also inside arrays and option objects. */
type AsReal<T> = T extends F.FakeObject
  ? { [K in keyof Pairs]: [T] extends [Pairs[K][0]] ? ([Pairs[K][0]] extends [T] ? Pairs[K][1] : never) : never }[keyof Pairs]
  : T extends readonly (infer U)[]
    ? AsReal<U>[]
    : T extends (...args: never[]) => unknown
      ? T
      : T extends object
        ? { [K in keyof T]: AsReal<T[K]> }
        : T;
type AsRealArgs<A extends unknown[]> = { [I in keyof A]: AsReal<A[I]> };

/**
 * Apps Script enums are numeric in the typings (ambient enums, to which any number is assignable,
 * hence the identity test); the fake hands out their names as strings.
 */
type IsNumber<T> = (<G>() => G extends T ? 1 : 2) extends <G>() => G extends number ? 1 : 2 ? true : false;
type Loose<T> = T extends number ? (IsNumber<T> extends true ? T : string) : T extends readonly (infer U)[] ? Loose<U>[] : T;
type LooseArgs<A> = { [I in keyof A]: Loose<A[I]> };

/** Every overload of a method (up to eight; fewer repeat). */
type Overloads<T> = T extends {
  (...a: infer A1): infer R1;
  (...a: infer A2): infer R2;
  (...a: infer A3): infer R3;
  (...a: infer A4): infer R4;
  (...a: infer A5): infer R5;
  (...a: infer A6): infer R6;
  (...a: infer A7): infer R7;
  (...a: infer A8): infer R8;
}
  ? [[A1, R1], [A2, R2], [A3, R3], [A4, R4], [A5, R5], [A6, R6], [A7, R7], [A8, R8]]
  : never;

type Method = (...args: never[]) => unknown;
type FakeMethods<C> = { [K in keyof C]: K extends `_${string}` ? never : C[K] extends Method ? K : never }[keyof C];

/** True when the fake method takes the overload's arguments and returns what it returns. */
type Fits<M, Sig> = M extends (...args: infer P) => infer R
  ? Sig extends [infer A, infer Ret]
    ? [LooseArgs<A>] extends [AsRealArgs<P>]
      ? [AsReal<R>] extends [Loose<Ret>]
        ? true
        : false
      : false
    : false
  : false;

/** "Class.method: how it misfits", for each fake method that misfits; never when all fit. */
type Misfits<Name extends keyof Pairs> = {
  [K in FakeMethods<Pairs[Name][0]>]: K extends keyof Pairs[Name][1]
    ? false extends { [I in keyof Overloads<Pairs[Name][1][K]>]: Fits<Pairs[Name][0][K], Overloads<Pairs[Name][1][K]>[I]> }[number]
      ? `${Name}.${K & string}: does not fit an overload`
      : never
    : `${Name}.${K & string}: not in the Apps Script API`;
}[FakeMethods<Pairs[Name][0]>];

/**
 * Known, deliberate differences, each with the reason. Keep this list short: a new entry means the
 * fake is about to behave unlike Apps Script.
 */
type Accepted =
  // The typings say BooleanCriteria and Range; the reference says "BooleanCriteria|null" (null when
  // the criteria are hidden values only) and "Range|null" (no selection). The fake follows the reference.
  | 'FilterCriteria.getCriteriaType: does not fit an overload'
  | 'FilterCriteriaBuilder.getCriteriaType: does not fit an overload'
  | 'SpreadsheetApp.getActiveRange: does not fit an overload'
  // The typings give TextStyle's getters plain types; a style built without a property has it null
  // (the reference: "null if … not set"), which the fake returns.
  | 'TextStyle.getForegroundColor: does not fit an overload'
  | 'TextStyle.getFontSize: does not fit an overload'
  | 'TextStyle.getFontFamily: does not fit an overload'
  | 'TextStyle.isBold: does not fit an overload'
  | 'TextStyle.isItalic: does not fit an overload'
  | 'TextStyle.isStrikethrough: does not fit an overload'
  | 'TextStyle.isUnderline: does not fit an overload'
  // One builder stands for the typed builders asColumnChart() and the others return, and so has
  // their setTitle too.
  | 'EmbeddedChartBuilder.asColumnChart: does not fit an overload'
  | 'EmbeddedChartBuilder.asBarChart: does not fit an overload'
  | 'EmbeddedChartBuilder.asLineChart: does not fit an overload'
  | 'EmbeddedChartBuilder.asPieChart: does not fit an overload'
  | 'EmbeddedChartBuilder.asAreaChart: does not fit an overload'
  | 'EmbeddedChartBuilder.setTitle: not in the Apps Script API'
  // Blobs are not modelled: HTML comes as a string or from a named file.
  | 'HtmlService.createHtmlOutput: does not fit an overload'
  // The typings say string; the reference: "This method returns null if no authorization is required."
  | 'AuthorizationInfo.getAuthorizationUrl: does not fit an overload'
  // The typings say Spreadsheet; the fake may return null, as a time-driven trigger may get (the
  // reference's own examples check it: "Returns the currently active spreadsheet, or null if there is none").
  | 'SpreadsheetApp.getActiveSpreadsheet: does not fit an overload';

/** Spelled out (not left as Misfits<…>) so that a failure lists the misfits. */
type Spelled<T> = T extends string ? `${T}` : never;
type AllMisfits = Spelled<{ [Name in keyof Pairs]: Misfits<Name> }[keyof Pairs]>;
type Expect<T extends never> = T;
export type FakeMatchesAppsScript = Expect<Exclude<AllMisfits, Accepted>>;

// ───────────────────────────── the same names, at run time ─────────────────────────────

const classes: [new (...args: never[]) => object, string][] = [
  [F.FakeSpreadsheet, 'Spreadsheet'],
  [F.FakeSheet, 'Sheet'],
  [F.FakeRange, 'Range'],
  [F.FakeRangeList, 'RangeList'],
  [F.FakeTextStyle, 'TextStyle'],
  [F.FakeTextStyleBuilder, 'TextStyleBuilder'],
  [F.FakeDataValidation, 'DataValidation'],
  [F.FakeDataValidationBuilder, 'DataValidationBuilder'],
  [F.FakeBooleanCondition, 'BooleanCondition'],
  [F.FakeConditionalFormatRule, 'ConditionalFormatRule'],
  [F.FakeConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder'],
  [F.FakeEmbeddedChart, 'EmbeddedChart'],
  [F.FakeEmbeddedChartBuilder, 'EmbeddedChartBuilder'],
  [F.FakeDeveloperMetadata, 'DeveloperMetadata'],
  [F.FakeDeveloperMetadataFinder, 'DeveloperMetadataFinder'],
  [F.FakeDeveloperMetadataLocation, 'DeveloperMetadataLocation'],
  [F.FakeFilter, 'Filter'],
  [F.FakeFilterCriteria, 'FilterCriteria'],
  [F.FakeFilterCriteriaBuilder, 'FilterCriteriaBuilder'],
  [F.FakeSpreadsheetApp, 'SpreadsheetApp'],
  [F.FakeUi, 'Ui'],
  [F.FakeMenu, 'Menu'],
  [F.FakeUser, 'User'],
  [F.FakeSession, 'Session'],
  [F.FakeLock, 'Lock'],
  [F.FakeLockService, 'LockService'],
  [F.FakeUtilities, 'Utilities'],
  [F.FakeProperties, 'Properties'],
  [F.FakePropertiesService, 'PropertiesService'],
  [F.FakeHtmlOutput, 'HtmlOutput'],
  [F.FakeHtmlService, 'HtmlService'],
  [F.FakeScriptApp, 'ScriptApp'],
  [F.FakeAuthorizationInfo, 'AuthorizationInfo'],
  [F.FakeTriggerBuilder, 'TriggerBuilder'],
  [F.FakeClockTriggerBuilder, 'ClockTriggerBuilder'],
  [F.FakeTrigger, 'Trigger'],
  [F.FakeUrlFetchApp, 'UrlFetchApp'],
  [F.FakeHTTPResponse, 'HTTPResponse'],
  [F.FakeMailApp, 'MailApp'],
];

/** The methods a class defines on its prototypes, below the shared base. */
function methodsOf(cls: new (...args: never[]) => object): string[] {
  const names = new Set<string>();
  for (let proto = cls.prototype as object; proto && proto !== F.FakeObject.prototype; proto = Object.getPrototypeOf(proto) as object) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== 'constructor' && !name.startsWith('_') && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

/** The run-time side of Accepted: the methods a fake offers that its interface lacks. */
const acceptedExtras = Object.keys(F.SIGNATURE_OF);

test('every method of the fake exists on the Apps Script interface it stands for', () => {
  const { interfaces } = gasSignatures();
  const missing = classes.flatMap(([cls, name]) => {
    const api = interfaces.get(name);
    if (!api) return [`${name}: no such interface in @types/google-apps-script`];
    return methodsOf(cls)
      .filter((method) => !api.has(method))
      .map((method) => `${name}.${method}`)
      .filter((method) => !acceptedExtras.includes(method));
  });
  expect(missing).toEqual([]);
});

test('the run-time list covers every fake class the type-level check covers', () => {
  const fakes = Object.entries(F).filter(([name, value]) => /^Fake[A-Z]/.test(name) && typeof value === 'function' && value.prototype instanceof F.FakeObject);
  expect(fakes.map(([name]) => name).sort()).toEqual(classes.map(([cls]) => cls.name).sort());
});
