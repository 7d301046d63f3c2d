/**
 * Reading a request that arrived as JSON (from a sidebar through google.script.run, or from the
 * playground over HTTP): the compiler's types end at the wire, so each feature's `parse…Request`
 * checks the shape here before a use case sees it. Only the shape: whether a date or a group name
 * makes sense stays the use case's job, because the sidebar shows those problems next to the field.
 * Every wrong field is reported at once, by its path ("assignments.operator"), under the feature's
 * own message code.
 */
import { AppError, type ErrorLocation, type Problem } from './errors';
import type { MessageKey } from './i18n';

/** What a field should hold, as the message shows it (JSON words, the same in both languages). */
type Expected = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'absent' | string;

/** The fields of one JSON object in the request, read by name; problems are collected, not thrown. */
export class RequestFields {
  private readonly read = new Set<string>();

  constructor(
    private readonly code: MessageKey,
    private readonly problems: Problem[],
    private readonly values: Record<string, unknown>,
    private readonly path: string,
    private readonly location?: ErrorLocation,
  ) {}

  /** A required string. */
  text(key: string): string {
    const value = this.take(key);
    if (typeof value === 'string') return value;
    this.refuse(key, 'string', value);
    return '';
  }

  optionalText(key: string): string | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    return this.refuse(key, 'string', value);
  }

  optionalFlag(key: string): boolean | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return this.refuse(key, 'boolean', value);
  }

  /**
   * A number, or null: a number field left empty or holding NaN arrives as null once it has been
   * through JSON, and the use case treats it as "not given".
   */
  optionalNumber(key: string): number | null | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return value;
    if (typeof value === 'number') return value;
    return this.refuse(key, 'number', value);
  }

  optionalChoice<C extends string>(key: string, choices: readonly C[]): C | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as C;
    return this.refuse(key, choices.join(' | '), value);
  }

  choice<C extends string>(key: string, choices: readonly C[]): C {
    const value = this.take(key);
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as C;
    this.refuse(key, choices.join(' | '), value);
    return choices[0];
  }

  /** A list of strings (group names, say). */
  optionalTextList(key: string): string[] | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    return this.refuse(key, 'string[]', value);
  }

  /** A nested object, read with its own fields; undefined when absent (or null) or refused. */
  optionalObject<T>(key: string, read: (fields: RequestFields) => T): T | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return undefined;
    const fields = this.nested(key, value);
    return fields ? fields.finish(read(fields)) : undefined;
  }

  /** A list of objects, each read with its own fields (path "key.0.field"); undefined when absent or refused. */
  optionalObjectList<T>(key: string, read: (fields: RequestFields) => T): T[] | undefined {
    const value = this.take(key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.refuse(key, 'array', value);
    const list = new RequestFields(this.code, this.problems, {}, this.pathOf(key), this.location);
    const items: T[] = [];
    value.forEach((item, index) => {
      const fields = list.nested(String(index), item);
      if (fields) items.push(fields.finish(read(fields)));
    });
    return items;
  }

  /** The raw value of a field whose contents the use case reads itself (it names its own problems). */
  any(key: string): unknown {
    return this.take(key);
  }

  /** Refuses the fields nobody read: a misspelt or stale field would otherwise be dropped silently. */
  finish<T>(result: T): T {
    for (const key of Object.keys(this.values)) {
      if (!this.read.has(key) && this.values[key] !== undefined) this.refuse(key, 'absent', this.values[key]);
    }
    return result;
  }

  /** A nested object's fields, or null (with the problem recorded) when the value is not an object. */
  nested(key: string, value: unknown, location?: ErrorLocation): RequestFields | null {
    if (!isPlainObject(value)) {
      this.refuse(key, 'object', value, location);
      return null;
    }
    return new RequestFields(this.code, this.problems, value, this.pathOf(key), location ?? this.location);
  }

  refuse(key: string, expected: Expected, value: unknown, location: ErrorLocation | undefined = this.location): undefined {
    this.problems.push({
      code: this.code,
      params: { field: this.pathOf(key), expected, value: describe(value) },
      ...(location ? { location } : {}),
    });
    return undefined;
  }

  private take(key: string): unknown {
    this.read.add(key);
    return Object.prototype.hasOwnProperty.call(this.values, key) ? this.values[key] : undefined;
  }

  private pathOf(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }
}

/**
 * Reads `raw` as an object with `read`, or throws one AppError naming every wrong field with `code`
 * (params: field, expected, value).
 */
export function parseObjectRequest<T>(code: MessageKey, raw: unknown, read: (fields: RequestFields) => T): T {
  const problems: Problem[] = [];
  let result: T | undefined;
  if (!isPlainObject(raw)) problems.push({ code, params: { field: 'request', expected: 'object', value: describe(raw) } });
  else {
    const fields = new RequestFields(code, problems, raw, '');
    result = fields.finish(read(fields));
  }
  if (problems.length) throw new AppError(problems);
  return result as T;
}

/**
 * Reads `raw` as an array whose items are objects, each with `read`; `locate` gives an item's place
 * as the user sees it (a row of a tab) so the sidebar can show the problem beside that row.
 */
export function parseListRequest<T>(code: MessageKey, raw: unknown, locate: (index: number) => ErrorLocation, read: (fields: RequestFields) => T): T[] {
  const problems: Problem[] = [];
  const items: T[] = [];
  if (!Array.isArray(raw)) problems.push({ code, params: { field: 'request', expected: 'array', value: describe(raw) } });
  else {
    const list = new RequestFields(code, problems, {}, '');
    raw.forEach((item, index) => {
      const fields = list.nested(String(index), item, locate(index));
      if (fields) items.push(fields.finish(read(fields)));
    });
  }
  if (problems.length) throw new AppError(problems);
  return items;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, JSON-like rendering of what arrived, so the message shows it without flooding. */
function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * What a sidebar asks when it opens (its state getter's one argument). `quick`: only what the markers
 * and the active tab tell — a few document reads, whatever the workbook holds — so the sidebar is
 * usable at once; the lists of every tab come with a second call without it.
 */
export interface StateRequest {
  quick?: boolean;
}

/** Reads a state getter's argument; absent means the whole state. `code`: the feature's request error. */
export function parseStateRequest(code: MessageKey, raw: unknown): Required<StateRequest> {
  if (raw === undefined || raw === null) return { quick: false };
  return parseObjectRequest(code, raw, (fields) => ({ quick: fields.optionalFlag('quick') ?? false }));
}
