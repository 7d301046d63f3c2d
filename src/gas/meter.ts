/**
 * Times an action and counts the calls it makes on the spreadsheet, its sheets and their ranges, the
 * way the bench's fake counts them: a method that asks (get…, is…) is a read, any other is a write,
 * and a read made while writes are pending — Apps Script sends buffered writes before it can answer —
 * is a round trip, as is the flush at the end of an action with writes pending. Handles (getRange,
 * getSheet…) and a range's own coordinates ask nothing and are not counted (test/gas/call-kinds.ts
 * classifies the bench's calls the same way). Objects the calls return that are not a spreadsheet, a
 * sheet or a range (rules, metadata, validations) are not counted either: their getters read what the
 * call that returned them fetched.
 */
import type { DocumentCalls, Meter } from '../ports';

const HANDLES = new Set([
  'getRange',
  'getRangeList',
  'getSheet',
  'getParent',
  'getActiveSpreadsheet',
  'offset',
  'getCell',
  // A metadata search is built without asking; its find() is the read.
  'createDeveloperMetadataFinder',
  'withKey',
  'withValue',
  'withLocationType',
  'withId',
  'withVisibility',
  'onIntersectingLocations',
]);
/** A range's coordinates are what the script gave getRange: asking for them asks the document nothing. */
const RANGE_COORDINATES = new Set(['getRow', 'getColumn', 'getNumRows', 'getNumColumns', 'getLastRow', 'getLastColumn', 'getA1Notation']);

/** Each counting wrapper and the object it wraps. */
const wrapped = new WeakMap<object, object>();

/**
 * The object behind a counting wrapper (or the value itself). Apps Script's own methods may not take
 * a wrapper for a range, so calls through a wrapper unwrap their arguments, and the renderer unwraps
 * the ranges it hands to SpreadsheetApp's builders.
 */
export function raw<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => raw(item)) as T;
  if (value !== null && typeof value === 'object') return (wrapped.get(value) as T | undefined) ?? value;
  return value;
}
const READ = /^(get|is|find|has)/;

/** A spreadsheet, a sheet, a range or a metadata search: the objects whose calls reach the document. */
function isDocumentObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  const has = (name: string): boolean => typeof object[name] === 'function';
  return has('getSheets') || has('getSheetId') || has('getA1Notation') || (has('find') && has('withKey'));
}

export class SheetsMeter implements Meter {
  private counts: DocumentCalls = { reads: 0, writes: 0, roundTrips: 0 };
  private pending = false;
  private readonly proxies = new WeakMap<object, object>();

  /** The object with its calls counted (and what they return, when it is a document object too). */
  wrap<T>(target: T): T {
    if (Array.isArray(target)) return target.map((item) => this.wrap(item)) as T;
    if (!isDocumentObject(target)) return target;
    let proxy = this.proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get: (object, prop) => {
          const member = (object as Record<string | symbol, unknown>)[prop];
          if (typeof member !== 'function' || typeof prop === 'symbol') return member;
          const isRange = typeof (object as Record<string, unknown>).getA1Notation === 'function';
          return (...args: unknown[]) => {
            if (!(isRange && RANGE_COORDINATES.has(prop))) this.count(prop);
            return this.wrap(
              (member as (...a: unknown[]) => unknown).apply(
                object,
                args.map((arg) => raw(arg)),
              ),
            );
          };
        },
      });
      this.proxies.set(target, proxy);
      wrapped.set(proxy, target);
    }
    return proxy as T;
  }

  measure<T>(fn: () => T): { result: T; ms: number; calls: DocumentCalls } {
    this.counts = { reads: 0, writes: 0, roundTrips: 0 };
    this.pending = false;
    const started = Date.now();
    const result = fn();
    // The action's lock released with a flush: writes still pending went to the document then.
    if (this.pending) this.counts.roundTrips++;
    this.pending = false;
    return { result, ms: Date.now() - started, calls: { ...this.counts } };
  }

  private count(method: string): void {
    if (HANDLES.has(method)) return;
    if (READ.test(method)) {
      this.counts.reads++;
      if (this.pending) {
        this.counts.roundTrips++;
        this.pending = false;
      }
    } else {
      this.counts.writes++;
      this.pending = true;
    }
  }
}
