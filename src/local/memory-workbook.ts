/**
 * An in-memory Workbook (the playground's and the CLI's spreadsheet). Each tab is kept as a TabSpec,
 * which is also what the HTML preview and the xlsx export render, so what a user sees locally is what
 * a generated tab looks like in Sheets.
 */
import { AppError } from '../core/errors';
import { sameMarker } from '../core/tab/marker';
import { Cell, cellValue, CellValue, FormatRun, isFormulaCell, TabMarker, TabSpec } from '../core/tab/spec';
import type { SheetSelection, TabInfo, Workbook, WriteResult } from '../ports';

export interface MemoryTab {
  spec: TabSpec;
  /** null for tabs the add-on did not create (pasted data, the user's own tabs). */
  marker: TabMarker | null;
}

export class MemoryWorkbook implements Workbook {
  readonly tabs: MemoryTab[] = [];
  private active: string | null = null;
  private selection: SheetSelection | null = null;
  private locked = false;
  /** Tabs written or edited since the workbook was created or `markSaved` was called (for updating a file in place). */
  readonly changedTabs = new Set<string>();
  /** Called after every change so formulas and caches can be refreshed (the playground's recalculation). */
  onChange: (() => void) | null = null;

  listTabs(): TabInfo[] {
    return this.tabs.map((tab) => ({ name: tab.spec.name, marker: tab.marker }));
  }

  tab(name: string): MemoryTab {
    const found = this.tabs.find((tab) => tab.spec.name === name);
    if (!found) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
    return found;
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

  readSelection(): SheetSelection | null {
    return this.selection;
  }

  setSelection(selection: SheetSelection | null): void {
    this.selection = selection;
  }

  activeTabName(): string | null {
    return this.active;
  }

  activate(name: string): void {
    this.tab(name);
    this.active = name;
  }

  writeTab(spec: TabSpec): WriteResult {
    const own = this.tabs.find((tab) => tab.marker !== null && sameMarker(tab.marker, spec.marker));
    if (own) {
      // Found by its marker: the tab keeps the name it has now, which a person may have chosen.
      const name = own.spec.name;
      own.spec = { ...spec, name };
      this.changed(name);
      return { name, created: false };
    }
    const name = this.freeName(spec.name);
    this.tabs.push({ spec: { ...spec, name }, marker: { ...spec.marker } });
    this.changed(name);
    return { name, created: true };
  }

  /** A tab the user made or pasted (no marker): plain values, first row bold like a header. */
  addPlainTab(name: string, values: Cell[][], formats: FormatRun[] = []): string {
    return this.addTab(name, values, null, formats);
  }

  /** A tab read back from a file: its values, and its marker when the add-on generated it. */
  addTab(name: string, values: Cell[][], marker: TabMarker | null, formats: FormatRun[] = []): string {
    const free = this.freeName(name);
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    this.tabs.push({
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

  /** What a person renaming a tab does; the name must be free. */
  renameTab(from: string, to: string): void {
    const tab = this.tab(from);
    if (from !== to && this.hasTab(to)) throw new AppError({ code: 'error.tabExists', params: { tab: to } });
    tab.spec = { ...tab.spec, name: to };
    if (this.active === from) this.active = to;
    this.changedTabs.delete(from);
    this.changed(to);
  }

  /** What a person typing into a cell does: the value replaces whatever was there, formula or not. */
  setCell(tabName: string, row: number, col: number, value: Cell): void {
    const { spec } = this.tab(tabName);
    while (spec.rows.length <= row) spec.rows.push([]);
    const cells = spec.rows[row];
    while (cells.length <= col) cells.push(null);
    cells[col] = isFormulaCell(value) ? value : value === '' ? null : value;
    this.changed(tabName);
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

  private hasTab(name: string): boolean {
    return this.tabs.some((tab) => tab.spec.name === name);
  }

  private freeName(wanted: string): string {
    if (!this.hasTab(wanted)) return wanted;
    for (let n = 2; ; n++) if (!this.hasTab(`${wanted} (${n})`)) return `${wanted} (${n})`;
  }

  /** Forgets which tabs changed, e.g. right after loading the workbook from a file. */
  markSaved(): void {
    this.changedTabs.clear();
  }

  private changed(tabName: string): void {
    this.changedTabs.add(tabName);
    this.onChange?.();
  }
}
