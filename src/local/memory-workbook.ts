/**
 * An in-memory Workbook (the playground's and the CLI's spreadsheet). Each tab is kept as a TabSpec,
 * which is also what the HTML preview and the xlsx export render, so what a user sees locally is what
 * a generated tab looks like in Sheets.
 */
import { AppError } from '../core/errors';
import type { TabContent } from '../core/tab/content';
import type { TabUpdate } from '../core/tab/layers';
import { sameMarker, type MarkerKey } from '../core/tab/marker';
import { checkTabSize } from '../core/tab/limits';
import { renameTabReferences, sameTabName, sheetsTabName } from '../core/tab/names';
import { Cell, cellValue, CellValue, CellStyle, FormatRun, isFormulaCell, quoteTabName, RangeRef, TabMarker, TabSpec } from '../core/tab/spec';
import type { SheetSelection, TabFeatures, TabInfo, Workbook, WriteResult } from '../ports';
import { applyStructureOp, applyTabUpdate } from './tab-edit';

export interface MemoryTab {
  spec: TabSpec;
  /** null for tabs the add-on did not create (pasted data, the user's own tabs). */
  marker: TabMarker | null;
  /** Hidden from the tab strip: the old versions the add-on keeps, sheets hidden in a loaded file. */
  hidden?: boolean;
}

export class MemoryWorkbook implements Workbook {
  private readonly all: MemoryTab[] = [];
  private active: string | null = null;
  private selection: SheetSelection | null = null;
  private locked = false;
  /** Tabs written or edited since the workbook was created or `markSaved` was called (for updating a file in place). */
  readonly changedTabs = new Set<string>();
  /** Called after every change so formulas and caches can be refreshed (the playground's recalculation). */
  onChange: (() => void) | null = null;
  /**
   * Computes what the workbook's formulas show. Run before the workbook is read after a change, not
   * after each change: a use case writes many cells before it reads any, and twelve calendars in one
   * run would otherwise recompute the workbook hundreds of times.
   */
  recalculate: (() => void) | null = null;
  private stale = true;

  /** The tabs in order, their formulas' values computed. */
  get tabs(): MemoryTab[] {
    if (this.stale && this.recalculate) {
      this.stale = false;
      this.recalculate();
    }
    return this.all;
  }

  listTabs(): TabInfo[] {
    return this.all.map((tab) => (tab.hidden ? { name: tab.spec.name, marker: tab.marker, hidden: true } : { name: tab.spec.name, marker: tab.marker }));
  }

  markedTabs(accept: (marker: TabMarker) => boolean = () => true): TabInfo[] {
    return this.listTabs().filter((info) => info.marker !== null && accept(info.marker));
  }

  tabMarkers(accept: (marker: TabMarker) => boolean = () => true): TabMarker[] {
    return this.markedTabs(accept).map((info) => info.marker as TabMarker);
  }

  readMarkedTabs(accept: (marker: TabMarker) => boolean): Array<{ marker: TabMarker; values: CellValue[][] }> {
    return this.markedTabs(accept).map((info) => ({ marker: info.marker as TabMarker, values: this.readTab(info.name) }));
  }

  rememberAbout(name: string, about: MarkerKey): void {
    const tab = this.tab(name);
    if (!tab.marker) throw new AppError({ code: 'error.notOurTab', params: { tab: tab.spec.name } });
    tab.marker = { ...tab.marker, about: { ...about } };
    tab.spec = { ...tab.spec, marker: tab.marker };
  }

  findTab(name: string): TabInfo | null {
    return this.listTabs().find((info) => sameTabName(info.name, name)) ?? null;
  }

  /** The tab of that name, regardless of case, as Sheets finds it. */
  tab(name: string): MemoryTab {
    const found = this.tabs.find((tab) => sameTabName(tab.spec.name, name));
    if (!found) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    return found;
  }

  /** The tab of that name to change: its values need not be computed first. */
  private find(name: string): MemoryTab {
    const found = this.all.find((tab) => sameTabName(tab.spec.name, name));
    if (!found) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    return found;
  }

  tabLinkPrefix(name: string): string {
    return this.tabLinkPrefixOf(this.find(name).spec.name);
  }

  private tabLinkPrefixOf(name: string): string {
    return `#${quoteTabName(name)}!`;
  }

  readTabHead(name: string, rows: number): CellValue[][] {
    return this.readTab(name).slice(0, rows);
  }

  readTab(name: string): CellValue[][] {
    const { spec } = this.tab(name);
    const width = spec.rows.reduce((w, row) => Math.max(w, row.length), 0);
    const values = spec.rows.map((row) => {
      const out: CellValue[] = new Array(width).fill(null);
      row.forEach((cell, c) => {
        const v = cellValue(cell);
        out[c] = v === '' ? null : v;
      });
      return out;
    });
    while (values.length && values[values.length - 1].every((v) => v === null)) values.pop();
    return values;
  }

  readTabContent(name: string): TabContent {
    const { spec } = this.tab(name);
    const values = this.readTab(name);
    const formulas = spec.rows.map((row) => row.map((cell) => (isFormulaCell(cell) ? cell.formula : '')));
    const notes: string[][] = [];
    for (const note of spec.notes ?? []) {
      while (notes.length <= note.row) notes.push([]);
      const line = notes[note.row];
      while (line.length <= note.col) line.push('');
      line[note.col] = note.text;
    }
    return { values, formulas, notes };
  }

  readSelection(): SheetSelection | null {
    return this.selection;
  }

  setSelection(selection: SheetSelection | null): void {
    this.selection = selection;
  }

  activeTabName(): string | null {
    return this.active;
  }

  activeTab(): TabInfo | null {
    return this.active === null ? null : this.findTab(this.active);
  }

  activate(name: string): void {
    this.active = this.find(name).spec.name;
  }

  deleteTab(name: string): void {
    const tab = this.find(name);
    if (!tab.marker) throw new AppError({ code: 'error.notOurTab', params: { tab: tab.spec.name } });
    this.all.splice(this.all.indexOf(tab), 1);
    if (this.active === tab.spec.name) this.active = this.all.find((other) => !other.hidden)?.spec.name ?? null;
    this.changedTabs.delete(tab.spec.name);
    // Formulas that named it now show #REF!, as in Sheets.
    this.stale = true;
    this.onChange?.();
  }

  tabFeatures(name: string): TabFeatures {
    const { spec } = this.find(name);
    return {
      conditionalFormats: (spec.conditionalFormats ?? []).length,
      validatedCells: (spec.validations ?? []).reduce((n, v) => n + v.range.rows * v.range.cols, 0),
    };
  }

  /** Nothing to reserve: a workbook in memory, and the .xlsx made from it, has no limit on its cells as a whole. */
  reserveRoom(): void {}

  /** Writes a generated tab; one that a Google spreadsheet could not hold is refused here too (SHEETS_LIMITS). */
  writeTab(spec: TabSpec, update: TabUpdate | null = null): WriteResult {
    checkTabSize(spec);
    const own = this.all.find((tab) => tab.marker !== null && sameMarker(tab.marker, spec.marker));
    if (own) {
      // Found by its marker: the tab keeps the name it has now, which a person may have chosen.
      const name = own.spec.name;
      let oldVersion: string | null = null;
      if (update?.oldVersion) {
        oldVersion = this.freeName(update.oldVersion);
        this.all.splice(this.all.indexOf(own) + 1, 0, {
          spec: { ...own.spec, name: oldVersion, marker: { kind: 'plain', key: {} } },
          marker: null,
          hidden: true,
        });
        this.changed(oldVersion);
      }
      own.spec = update ? { ...applyTabUpdate(own.spec, spec, update), name } : { ...spec, name };
      own.marker = { ...spec.marker };
      this.changed(name);
      return { name, created: false, oldVersion };
    }
    const name = this.freeName(spec.name);
    this.all.push({ spec: { ...spec, name }, marker: { ...spec.marker } });
    this.changed(name);
    return { name, created: true, oldVersion: null };
  }

  /** A tab read back from a file with everything it holds (formats, styles, notes, hidden rows…). */
  addTabSpec(spec: TabSpec, marker: TabMarker | null, options: { hidden?: boolean } = {}): string {
    const name = this.freeName(spec.name);
    const tab: MemoryTab = { spec: { ...spec, name, marker: marker ?? { kind: 'plain', key: {} } }, marker: marker ? { ...marker } : null };
    if (options.hidden) tab.hidden = true;
    this.all.push(tab);
    this.changed(name);
    return name;
  }

  /** A tab the user made or pasted (no marker): plain values, first row bold like a header. */
  addPlainTab(name: string, values: Cell[][], formats: FormatRun[] = []): string {
    return this.addTab(name, values, null, formats);
  }

  /** A tab read back from a file: its values, and its marker when the add-on generated it. */
  addTab(name: string, values: Cell[][], marker: TabMarker | null, formats: FormatRun[] = []): string {
    const free = this.freeName(name);
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    this.all.push({
      spec: {
        name: free,
        marker: marker ?? { kind: 'plain', key: {} },
        columns: Array.from({ length: width }, (_, i) => ({ key: `c${i}`, width: 110 })),
        headerRows: 1,
        frozenRows: values.length ? 1 : 0,
        rows: values.map((row) => [...row]),
        formats,
        styles: values.length ? [{ range: { row: 0, col: 0, rows: 1, cols: width }, style: { bold: true } }] : [],
      },
      marker: marker ? { ...marker } : null,
    });
    this.changed(free);
    return free;
  }

  /** What a person inserting rows does: rows [at, at + count) are new, everything below moves down with its row. */
  insertRows(tabName: string, at: number, count = 1): void {
    this.edit(tabName, (spec) => applyStructureOp(spec, { op: 'insert', at, count }, 'row'));
  }

  /** What a person deleting rows does. */
  deleteRows(tabName: string, at: number, count = 1): void {
    this.edit(tabName, (spec) => applyStructureOp(spec, { op: 'delete', at, count }, 'row'));
  }

  /** What a person deleting columns does. */
  deleteColumns(tabName: string, at: number, count = 1): void {
    this.edit(tabName, (spec) => applyStructureOp(spec, { op: 'delete', at, count }, 'col'));
  }

  /** What a person inserting columns does: columns [at, at + count) are new, everything right of them moves. */
  insertColumns(tabName: string, at: number, count = 1): void {
    this.edit(tabName, (spec) => applyStructureOp(spec, { op: 'insert', at, count }, 'col'));
  }

  /** What a person writing (or, with '', removing) a note on a cell does. */
  setNote(tabName: string, row: number, col: number, text: string): void {
    this.edit(tabName, (spec) => {
      const notes = (spec.notes ?? []).filter((note) => note.row !== row || note.col !== col);
      return { ...spec, notes: text ? [...notes, { row, col, text }] : notes };
    });
  }

  /** What a person hiding rows does. */
  hideRows(tabName: string, at: number, count = 1): void {
    this.edit(tabName, (spec) => {
      const hidden = new Set(spec.hiddenRows ?? []);
      for (let r = at; r < at + count; r++) hidden.add(r);
      return { ...spec, hiddenRows: [...hidden].sort((a, b) => a - b) };
    });
  }

  /** What a person showing every hidden row again does. */
  showRows(tabName: string): void {
    this.edit(tabName, (spec) => ({ ...spec, hiddenRows: [] }));
  }

  /** What a person giving cells a fill or text colour does. */
  setStyle(tabName: string, range: RangeRef, style: CellStyle): void {
    this.edit(tabName, (spec) => ({ ...spec, styles: [...(spec.styles ?? []), { range, style }] }));
  }

  private edit(tabName: string, change: (spec: TabSpec) => TabSpec): void {
    const tab = this.find(tabName);
    tab.spec = change(tab.spec);
    this.changed(tab.spec.name);
  }

  /** What a person renaming a tab does; the name must be free. */
  renameTab(from: string, to: string): void {
    const tab = this.find(from);
    const held = this.all.some((other) => other !== tab && sameTabName(other.spec.name, to));
    if (held) throw new AppError({ code: 'error.tabExists', params: { tab: to } });
    const before = tab.spec.name;
    tab.spec = { ...tab.spec, name: to };
    // As in Sheets, every formula and dropdown naming the tab names it anew; and a link to one of its
    // cells (this workbook's links name the tab where Sheets' give its id, which a rename leaves alone) follows it.
    const renames = new Map([[before, to]]);
    const oldLink = this.tabLinkPrefixOf(before);
    const link = (cell: Cell): Cell => (typeof cell === 'string' && cell.startsWith(oldLink) ? this.tabLinkPrefixOf(to) + cell.slice(oldLink.length) : cell);
    for (const other of this.all) {
      const renamed = renameTabReferences(other.spec, renames);
      const next = { ...renamed, rows: renamed.rows.map((row) => row.map(link)) };
      if (JSON.stringify(next) === JSON.stringify(other.spec)) continue;
      other.spec = next;
      if (other !== tab) this.changedTabs.add(other.spec.name);
    }
    if (this.active === before) this.active = to;
    this.changedTabs.delete(before);
    this.changed(to);
  }

  /** What a person typing into a cell does: the value replaces whatever was there, formula or not. */
  setCell(tabName: string, row: number, col: number, value: Cell): void {
    const { spec } = this.find(tabName);
    while (spec.rows.length <= row) spec.rows.push([]);
    const cells = spec.rows[row];
    while (cells.length <= col) cells.push(null);
    cells[col] = isFormulaCell(value) ? value : value === '' ? null : value;
    this.changed(spec.name);
  }

  withLock<T>(fn: () => T): T {
    if (this.locked) throw new AppError({ code: 'error.busy' });
    this.locked = true;
    try {
      return fn();
    } finally {
      this.locked = false;
    }
  }

  private freeName(wanted: string): string {
    return sheetsTabName(
      wanted,
      this.all.map((tab) => tab.spec.name),
    );
  }

  /** Forgets which tabs changed, e.g. right after loading the workbook from a file. */
  markSaved(): void {
    this.changedTabs.clear();
  }

  private changed(tabName: string): void {
    this.changedTabs.add(tabName);
    this.stale = true;
    this.onChange?.();
  }
}
