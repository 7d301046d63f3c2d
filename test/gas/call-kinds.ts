/**
 * What each Apps Script call costs in real Sheets, so that the recording fake can meter an action by
 * kind rather than by raw call count:
 * - read: asks the document (values, formats, the sheet list, sizes, rules, metadata, charts…);
 * - write: changes the document (or what the user sees of it: the active sheet, a selection);
 * - handle: makes or reads an object from what the script already holds, without asking the document
 *   (Sheet.getRange, Range.offset, SpreadsheetApp.getActiveSpreadsheet…);
 * - builder: builds or reads a value object in the script (rule and chart builders, criteria, rules
 *   and metadata already fetched by a read);
 * - service: other Apps Script services, and Ui (LockService, Utilities, PropertiesService, Session,
 *   HtmlService, Ui, Menu; ScriptApp and its triggers, UrlFetchApp, MailApp: reminders).
 * Apps Script queues writes and sends them when a read needs the document (or on flush), so a read
 * after writes is a round trip; FakeGas counts them (see FakeGas.roundTrips).
 *
 * Every method the fake defines must be here: callKind throws for one that is not, so a new fake
 * method gets a kind on purpose (call-kinds.test.ts checks the fake's classes against this table).
 * A few methods the fake does not define yet are classified too, where the choice was made already.
 */
export type CallKind = 'read' | 'write' | 'handle' | 'builder' | 'service';

/** Class (the Apps Script interface) → kind → methods; flattened into "Class.method" keys below. */
const TABLE: Record<string, Partial<Record<CallKind, string[]>>> = {
  SpreadsheetApp: {
    // openById is what a trigger without an active spreadsheet does: a handle, as getActiveSpreadsheet is.
    handle: ['getActive', 'getActiveSpreadsheet', 'getUi', 'openById'],
    // Which sheet and range are active is the user's state in the open document.
    read: ['getActiveSheet', 'getActiveRange'],
    builder: ['newConditionalFormatRule', 'newDataValidation', 'newFilterCriteria', 'newTextStyle', 'newRichTextValue'],
    // flush neither reads nor changes the document: it sends the queued writes. Its round trip is
    // counted by the round-trip rule (FakeGas), not as a document call.
    service: ['flush'],
  },
  Spreadsheet: {
    // The id, like Sheet.getSheetId, is counted as a read: the reference does not say that a handle knows it.
    read: [
      'getId',
      'getUrl',
      'getName',
      'getSheets',
      'getNumSheets',
      'getSheetByName',
      'getSheetById',
      'getActiveSheet',
      'getActiveRange',
      'getSpreadsheetTimeZone',
      'getDeveloperMetadata',
    ],
    write: ['insertSheet', 'deleteSheet', 'setActiveSheet', 'setSpreadsheetTimeZone', 'addDeveloperMetadata'],
    // A finder is a query being built; its find() is the read.
    builder: ['createDeveloperMetadataFinder'],
    // A toast is shown to the user; it neither reads nor changes the document.
    service: ['toast'],
  },
  Sheet: {
    handle: ['getRange', 'getRangeList', 'getParent'],
    read: [
      'getName',
      'getSheetName',
      'getSheetId',
      'getIndex',
      'getMaxRows',
      'getMaxColumns',
      'getLastRow',
      'getLastColumn',
      'getDataRange',
      'getFrozenRows',
      'getFrozenColumns',
      'getColumnWidth',
      'getRowHeight',
      'isColumnHiddenByUser',
      'isRowHiddenByUser',
      'isRowHiddenByFilter',
      'getFilter',
      'getTabColor',
      'isSheetHidden',
      'getConditionalFormatRules',
      'getCharts',
      'getDeveloperMetadata',
    ],
    write: [
      'setName',
      'activate',
      'insertRowsAfter',
      'insertRowsBefore',
      'insertRowAfter',
      'insertRowBefore',
      'insertRows',
      'insertColumnsAfter',
      'insertColumnsBefore',
      'insertColumnAfter',
      'insertColumnBefore',
      'insertColumns',
      'deleteRows',
      'deleteRow',
      'deleteColumns',
      'deleteColumn',
      'moveRows',
      'moveColumns',
      'clear',
      'clearContents',
      'clearFormats',
      'clearNotes',
      'clearConditionalFormatRules',
      'setFrozenRows',
      'setFrozenColumns',
      'setColumnWidth',
      'setColumnWidths',
      'setRowHeight',
      'setRowHeights',
      'setRowHeightsForced',
      'autoResizeColumns',
      'autoResizeRows',
      'hideColumns',
      'showColumns',
      'hideColumn',
      'unhideColumn',
      'hideRows',
      'showRows',
      'hideRow',
      'unhideRow',
      'setTabColor',
      'copyTo',
      'hideSheet',
      'showSheet',
      'setConditionalFormatRules',
      'insertChart',
      'updateChart',
      'removeChart',
      'addDeveloperMetadata',
    ],
    builder: ['newChart', 'createDeveloperMetadataFinder'],
  },
  Range: {
    // A range's coordinates are what the script gave when it made the handle (getRange's arguments),
    // so these answer without the document; Sheet.getLastRow, by contrast, reads the cells.
    handle: ['getSheet', 'offset', 'getCell', 'getRow', 'getColumn', 'getNumRows', 'getNumColumns', 'getLastRow', 'getLastColumn', 'getA1Notation'],
    read: [
      'getValues',
      'getValue',
      'getDisplayValues',
      'getDisplayValue',
      'getFormulas',
      'getFormula',
      'getNumberFormats',
      'getNumberFormat',
      'getBackgrounds',
      'getBackground',
      'getFontColors',
      'getFontWeights',
      'getFontStyles',
      'getFontLines',
      'getFontSizes',
      'getTextStyles',
      'getTextStyle',
      'getWrapStrategies',
      'getWraps',
      'getHorizontalAlignments',
      'getVerticalAlignments',
      'getNotes',
      'getNote',
      'getDataValidations',
      'getDataValidation',
      'isPartOfMerge',
      'getMergedRanges',
      'getFilter',
      'getDeveloperMetadata',
    ],
    write: [
      'activate',
      'setValues',
      'setValue',
      'setFormula',
      'setFormulas',
      'setNumberFormats',
      'setNumberFormat',
      'setBackgrounds',
      'setBackground',
      'setFontColors',
      'setFontColor',
      'setFontWeights',
      'setFontWeight',
      'setFontStyles',
      'setFontLines',
      'setFontSizes',
      'setTextStyles',
      'setTextStyle',
      'setWrapStrategies',
      'setWraps',
      'setHorizontalAlignments',
      'setVerticalAlignments',
      'setNotes',
      'setNote',
      'setDataValidation',
      'setDataValidations',
      'clearDataValidations',
      'clear',
      'clearContent',
      'clearFormat',
      'clearNote',
      'merge',
      'mergeAcross',
      'mergeVertically',
      'breakApart',
      'copyTo',
      'createFilter',
      'addDeveloperMetadata',
    ],
  },
  RangeList: {
    // The list is the A1 notations the script gave to getRangeList.
    handle: ['getRanges'],
    write: ['breakApart', 'clear', 'clearDataValidations', 'setBackground', 'setFontColor', 'setFontWeight', 'setNumberFormat', 'setValue'],
  },
  // Rules, conditions and criteria come whole with the read that fetched them (getDataValidations,
  // getConditionalFormatRules, Filter.getColumnFilterCriteria): a value object the script holds, not
  // a live view of the document. Reading one again costs nothing; copy() starts a builder from it.
  // (Its ranges are handles the rule carries, like those Sheet.getRange makes.)
  // A text style is a value object: built in the script, or fetched whole by getTextStyles.
  TextStyle: { builder: ['getForegroundColor', 'getFontSize', 'getFontFamily', 'isBold', 'isItalic', 'isStrikethrough', 'isUnderline', 'copy'] },
  TextStyleBuilder: {
    builder: ['setForegroundColor', 'setFontSize', 'setFontFamily', 'setBold', 'setItalic', 'setStrikethrough', 'setUnderline', 'build'],
  },
  DataValidation: { builder: ['getCriteriaType', 'getCriteriaValues', 'getAllowInvalid', 'getHelpText', 'copy'] },
  DataValidationBuilder: {
    builder: ['requireValueInList', 'requireValueInRange', 'requireCheckbox', 'requireFormulaSatisfied', 'setAllowInvalid', 'setHelpText', 'build'],
  },
  BooleanCondition: {
    builder: ['getCriteriaType', 'getCriteriaValues', 'getBackground', 'getFontColor', 'getBold', 'getItalic', 'getStrikethrough', 'getUnderline'],
  },
  ConditionalFormatRule: { builder: ['getRanges', 'getBooleanCondition', 'getGradientCondition', 'copy'] },
  ConditionalFormatRuleBuilder: {
    builder: ['whenFormulaSatisfied', 'setBackground', 'setFontColor', 'setBold', 'setItalic', 'setStrikethrough', 'setUnderline', 'setRanges', 'build'],
  },
  FilterCriteria: { builder: ['getHiddenValues', 'getVisibleValues', 'getCriteriaType', 'getCriteriaValues', 'copy'] },
  FilterCriteriaBuilder: {
    builder: [
      'setHiddenValues',
      'getHiddenValues',
      'getVisibleValues',
      'getCriteriaType',
      'getCriteriaValues',
      'whenCellEmpty',
      'whenCellNotEmpty',
      'whenTextEqualTo',
      'whenTextContains',
      'whenTextDoesNotContain',
      'whenTextStartsWith',
      'whenTextEndsWith',
      'whenNumberEqualTo',
      'whenNumberNotEqualTo',
      'whenNumberGreaterThan',
      'whenNumberGreaterThanOrEqualTo',
      'whenNumberLessThan',
      'whenNumberLessThanOrEqualTo',
      'whenNumberBetween',
      'whenNumberNotBetween',
      'withCriteria',
      'copy',
      'build',
    ],
  },
  Filter: {
    read: ['getRange', 'getColumnFilterCriteria'],
    write: ['setColumnFilterCriteria', 'removeColumnFilterCriteria', 'remove'],
  },
  // A chart is a live object on the sheet (its options and anchor change with updateChart).
  EmbeddedChart: { read: ['getChartId', 'getRanges', 'getOptions', 'getContainerInfo'] },
  EmbeddedChartBuilder: {
    builder: [
      'asColumnChart',
      'asBarChart',
      'asLineChart',
      'asPieChart',
      'asAreaChart',
      'setChartType',
      'getChartType',
      'addRange',
      'clearRanges',
      'getRanges',
      'setOption',
      'setTitle',
      'setPosition',
      'setNumHeaders',
      'build',
    ],
  },
  // find() fetches each match whole (id, key, value, visibility, location), as the Sheets API's
  // developerMetadata.search returns it: reading those fields is reading a value object the script
  // holds, like a rule's getters. Changing one (set*, remove) is a write.
  DeveloperMetadata: {
    builder: ['getId', 'getKey', 'getValue', 'getVisibility'],
    handle: ['getLocation'],
    write: ['setKey', 'setValue', 'setVisibility', 'remove'],
  },
  DeveloperMetadataFinder: {
    builder: ['withKey', 'withValue', 'withId', 'withLocationType', 'withVisibility'],
    read: ['find'],
  },
  // The location came with the metadata; its getters make handles (a sheet, a row's range) from it.
  DeveloperMetadataLocation: { handle: ['getLocationType', 'getSheet', 'getRow', 'getColumn', 'getSpreadsheet'] },
  Ui: { service: ['alert', 'createAddonMenu', 'createMenu', 'showSidebar', 'showModalDialog'] },
  Menu: { service: ['addItem', 'addSeparator', 'addSubMenu', 'addToUi'] },
  LockService: { service: ['getDocumentLock', 'getScriptLock', 'getUserLock'] },
  Lock: { service: ['tryLock', 'waitLock', 'hasLock', 'releaseLock'] },
  Utilities: { service: ['formatDate', 'sleep'] },
  PropertiesService: { service: ['getDocumentProperties', 'getUserProperties', 'getScriptProperties'] },
  Properties: { service: ['getProperty', 'setProperty', 'deleteProperty', 'getProperties', 'setProperties', 'getKeys', 'deleteAllProperties'] },
  Session: { service: ['getActiveUserLocale', 'getScriptTimeZone', 'getActiveUser', 'getEffectiveUser'] },
  User: { service: ['getEmail'] },
  HtmlService: { service: ['createHtmlOutput', 'createHtmlOutputFromFile'] },
  HtmlOutput: { service: ['append', 'getContent', 'setTitle', 'getTitle', 'setWidth', 'setHeight'] },
  // Reminders: the person's triggers and granted scopes, webhooks and mail. None of these touches the document.
  ScriptApp: {
    service: ['getAuthorizationInfo', 'requireScopes', 'requireAllScopes', 'newTrigger', 'getProjectTriggers', 'getUserTriggers', 'deleteTrigger'],
  },
  AuthorizationInfo: { service: ['getAuthorizationStatus', 'getAuthorizationUrl', 'getAuthorizedScopes'] },
  TriggerBuilder: { service: ['timeBased'] },
  ClockTriggerBuilder: { service: ['everyDays', 'everyHours', 'atHour', 'nearMinute', 'inTimezone', 'create'] },
  Trigger: { service: ['getEventType', 'getTriggerSource', 'getHandlerFunction', 'getUniqueId'] },
  UrlFetchApp: { service: ['fetch', 'fetchAll'] },
  HTTPResponse: { service: ['getResponseCode', 'getContentText'] },
  MailApp: { service: ['getRemainingDailyQuota', 'sendEmail'] },
};

const KINDS = new Map<string, CallKind>();
for (const [api, byKind] of Object.entries(TABLE)) {
  for (const [kind, methods] of Object.entries(byKind) as [CallKind, string[]][]) {
    for (const method of methods) {
      const key = `${api}.${method}`;
      if (KINDS.has(key)) throw new Error(`call-kinds: ${key} is classified twice`);
      KINDS.set(key, kind);
    }
  }
}

/** The kind of "Class.method" (e.g. "Range.setValues"); throws for a method not classified yet. */
export function callKind(method: string): CallKind {
  const kind = KINDS.get(method);
  if (kind === undefined) throw new Error(`${method}: no call kind; classify it in test/gas/call-kinds.ts`);
  return kind;
}

/** Every classified "Class.method", for the tests. */
export function classifiedMethods(): string[] {
  return [...KINDS.keys()];
}
