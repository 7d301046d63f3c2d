/**
 * Google's own signatures for the Apps Script services the fake stands in for, read from
 * @types/google-apps-script with the TypeScript compiler API, and a run-time check of one call
 * against them. The recording fake (fake-spreadsheet.ts) runs the check on every call made through
 * it, so a call Apps Script would refuse — a wrong argument count, a string where a number goes, an
 * enum value that does not exist — fails the test that makes it.
 *
 * The table is interface → method → overloads, each parameter typed as one of: number, string
 * (optionally one of some literals, e.g. FontWeight), boolean, Date, object, array, array-of-arrays,
 * an enum (with its member names), an interface, or any. Types from namespaces that are not parsed
 * (Charts, Drive…) are read as any: not checked.
 *
 * It is built once and kept in a module variable. Jest gives each test file its own modules, and
 * loading the compiler and parsing the files takes about half a second, which every suite that uses
 * the fake would pay; so the table is also kept as JSON in the system's temporary directory (not in
 * the repository), named by a hash of the declaration files and of this file, and built again
 * whenever either changes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as TS from 'typescript';

export type ParamType =
  | { kind: 'number' | 'boolean' | 'Date' | 'object' | 'array' | 'array-of-arrays' | 'any' }
  | { kind: 'string'; oneOf?: string[] }
  | { kind: 'enum'; name: string; members: string[] }
  | { kind: 'interface'; name: string };

export interface Param {
  name: string;
  /** The types the parameter takes (a union has several). */
  types: ParamType[];
  /** `| null` in the typings. */
  nullable: boolean;
  /** `name?:` or `| undefined`. */
  optional: boolean;
  rest: boolean;
}

export interface Overload {
  params: Param[];
  /** The fewest and most arguments it takes (with a rest parameter, Number.MAX_SAFE_INTEGER: JSON has no Infinity). */
  min: number;
  max: number;
}

export interface Signatures {
  /** Interface → method → overloads, with the methods of the interfaces it extends. */
  interfaces: Map<string, Map<string, Overload[]>>;
  enums: Map<string, string[]>;
  /** Interface → the interfaces it extends, directly or not. */
  ancestors: Map<string, Set<string>>;
}

/** The declaration files read: the services the fake stands in for, and the shared aliases (Integer…). */
export const SIGNATURE_FILES = ['spreadsheet', 'base', 'lock', 'properties', 'html', 'utilities', 'types', 'script', 'url-fetch', 'mail'].map(
  (name) => `google-apps-script.${name}.d.ts`,
);
/**
 * Members Google documents that the typings lack yet, declared by the project (granular consent:
 * ScriptApp.getAuthorizationInfo with scopes, AuthorizationInfo.getAuthorizedScopes); read after the typings.
 */
export const PROJECT_SIGNATURE_FILES = [path.join(__dirname, '../../src/gas/granular-consent.d.ts')];

let cached: Signatures | null = null;

/** The table, built on first use. */
export function gasSignatures(): Signatures {
  cached ??= loadSignatures();
  return cached;
}

/** The table as JSON: Maps and Sets as arrays of entries. */
interface SignaturesJson {
  interfaces: [string, [string, Overload[]][]][];
  enums: [string, string[]][];
  ancestors: [string, string[]][];
}

function loadSignatures(): Signatures {
  const dir = path.dirname(require.resolve('@types/google-apps-script/package.json'));
  const sources = [...SIGNATURE_FILES.map((file) => path.join(dir, file)), ...PROJECT_SIGNATURE_FILES].map((file) => fs.readFileSync(file, 'utf8'));
  const hash = createHash('sha256').update(fs.readFileSync(__filename)).update(sources.join('\0')).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `sop-planner-gas-signatures-${hash}.json`);
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as SignaturesJson;
    return {
      interfaces: new Map(json.interfaces.map(([name, methods]) => [name, new Map(methods)])),
      enums: new Map(json.enums),
      ancestors: new Map(json.ancestors.map(([name, above]) => [name, new Set(above)])),
    };
  } catch {
    // Not built yet (or unreadable): build it.
  }
  const signatures = buildSignatures(sources);
  const json: SignaturesJson = {
    interfaces: [...signatures.interfaces].map(([name, methods]) => [name, [...methods]]),
    enums: [...signatures.enums],
    ancestors: [...signatures.ancestors].map(([name, above]) => [name, [...above]]),
  };
  try {
    // Written aside and renamed, so that a suite running alongside never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify(json));
    fs.renameSync(partial, file);
  } catch {
    // A read-only temporary directory only costs the next suite the build.
  }
  return signatures;
}

/** The table from the declaration files' texts (SIGNATURE_FILES, then PROJECT_SIGNATURE_FILES). */
function buildSignatures(sources: string[]): Signatures {
  // Required here, not imported, so that code which loads the fake without checking calls (the
  // bench), and every suite once the table is kept, does not load the compiler.
  const ts = require('typescript') as typeof TS;
  const aliases = new Map<string, TS.TypeNode>();
  const enums = new Map<string, string[]>();
  const declarations = new Map<string, TS.InterfaceDeclaration[]>();
  /** Where each name is declared: names are looked up without their namespace, so two namespaces declaring one would be ambiguous. */
  const owners = new Map<string, string>();
  const claim = (node: TS.InterfaceDeclaration | TS.EnumDeclaration | TS.TypeAliasDeclaration): string => {
    const name = node.name.text;
    const namespace = ts.isModuleBlock(node.parent) ? node.parent.parent.name.text : '';
    const owner = `${namespace}.${name}`;
    // An interface may be declared twice in its namespace (declaration merging); nothing else may.
    if (owners.has(name) && (owners.get(name) !== owner || !ts.isInterfaceDeclaration(node))) throw new Error(`gas-signatures: ${name} is declared twice`);
    owners.set(name, owner);
    return name;
  };

  for (const [i, file] of [...SIGNATURE_FILES, ...PROJECT_SIGNATURE_FILES.map((project) => path.basename(project))].entries()) {
    const source = ts.createSourceFile(file, sources[i], ts.ScriptTarget.Latest, true);
    const visit = (node: TS.Node): void => {
      if (ts.isInterfaceDeclaration(node)) {
        const name = claim(node);
        declarations.set(name, [...(declarations.get(name) ?? []), node]);
      } else if (ts.isEnumDeclaration(node)) {
        enums.set(
          claim(node),
          node.members.map((member) => member.name.getText()),
        );
      } else if (ts.isTypeAliasDeclaration(node)) {
        aliases.set(claim(node), node.type);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  /** The rightmost name of a reference: Spreadsheet.Range → Range, Base.Date → Date. */
  const nameOf = (name: TS.EntityName): string => (ts.isIdentifier(name) ? name.text : name.right.text);

  const isArrayNode = (node: TS.TypeNode): boolean => {
    const bare = ts.isParenthesizedTypeNode(node) ? node.type : node;
    return ts.isArrayTypeNode(bare) || (ts.isTypeReferenceNode(bare) && nameOf(bare.typeName) === 'Array');
  };

  /** Adds what a type node accepts to `param`. */
  const read = (node: TS.TypeNode, param: Param): void => {
    const add = (type: ParamType): void => {
      if (type.kind === 'string' && type.oneOf) {
        const literals = param.types.find((t): t is { kind: 'string'; oneOf: string[] } => t.kind === 'string' && t.oneOf !== undefined);
        if (literals) {
          literals.oneOf.push(...type.oneOf);
          return;
        }
      }
      param.types.push(type);
    };
    if (ts.isParenthesizedTypeNode(node)) return read(node.type, param);
    if (ts.isUnionTypeNode(node)) return node.types.forEach((member) => read(member, param));
    if (ts.isLiteralTypeNode(node)) {
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) param.nullable = true;
      else if (node.literal.kind === ts.SyntaxKind.TrueKeyword || node.literal.kind === ts.SyntaxKind.FalseKeyword) add({ kind: 'boolean' });
      else if (ts.isStringLiteral(node.literal)) add({ kind: 'string', oneOf: [node.literal.text] });
      else add({ kind: 'any' });
      return;
    }
    switch (node.kind) {
      case ts.SyntaxKind.NumberKeyword:
        return add({ kind: 'number' });
      case ts.SyntaxKind.StringKeyword:
        return add({ kind: 'string' });
      case ts.SyntaxKind.BooleanKeyword:
        return add({ kind: 'boolean' });
      case ts.SyntaxKind.ObjectKeyword:
      case ts.SyntaxKind.TypeLiteral:
        return add({ kind: 'object' });
      case ts.SyntaxKind.UndefinedKeyword:
        param.optional = true;
        return;
    }
    if (ts.isArrayTypeNode(node)) return add({ kind: isArrayNode(node.elementType) ? 'array-of-arrays' : 'array' });
    if (ts.isTypeReferenceNode(node)) {
      const name = nameOf(node.typeName);
      if (name === 'Array') return add({ kind: node.typeArguments && isArrayNode(node.typeArguments[0]) ? 'array-of-arrays' : 'array' });
      if (name === 'Date') return add({ kind: 'Date' });
      const alias = aliases.get(name);
      if (alias) return read(alias, param);
      const members = enums.get(name);
      if (members) return add({ kind: 'enum', name, members });
      if (declarations.has(name)) return add({ kind: 'interface', name });
    }
    // any, function types, and types of namespaces not parsed (Charts.TextStyle, Drive.File…).
    add({ kind: 'any' });
  };

  const overloadOf = (method: TS.MethodSignature): Overload => {
    const params = method.parameters.map((parameter): Param => {
      const param: Param = {
        name: parameter.name.getText(),
        types: [],
        nullable: false,
        optional: parameter.questionToken !== undefined,
        rest: parameter.dotDotDotToken !== undefined,
      };
      if (parameter.type) read(parameter.type, param);
      else param.types.push({ kind: 'any' });
      // A rest parameter's type is the array of its arguments; each argument is checked as an element.
      if (param.rest) param.types = param.types.map((type) => (type.kind === 'array' || type.kind === 'array-of-arrays' ? { kind: 'any' } : type));
      return param;
    });
    const required = params.filter((param) => !param.optional && !param.rest).length;
    return { params, min: required, max: params.some((param) => param.rest) ? Number.MAX_SAFE_INTEGER : params.length };
  };

  const direct = new Map<string, Map<string, Overload[]>>();
  const parents = new Map<string, string[]>();
  for (const [name, nodes] of declarations) {
    const methods = new Map<string, Overload[]>();
    for (const node of nodes) {
      for (const member of node.members) {
        if (!ts.isMethodSignature(member) || !ts.isIdentifier(member.name)) continue;
        methods.set(member.name.text, [...(methods.get(member.name.text) ?? []), overloadOf(member)]);
      }
      for (const clause of node.heritageClauses ?? []) {
        for (const type of clause.types)
          if (ts.isIdentifier(type.expression) || ts.isPropertyAccessExpression(type.expression)) {
            const parent = ts.isIdentifier(type.expression) ? type.expression.text : type.expression.name.text;
            parents.set(name, [...(parents.get(name) ?? []), parent]);
          }
      }
    }
    direct.set(name, methods);
  }

  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (name: string): Set<string> => {
    let found = ancestors.get(name);
    if (!found) {
      found = new Set<string>();
      ancestors.set(name, found);
      for (const parent of parents.get(name) ?? []) {
        found.add(parent);
        for (const above of ancestorsOf(parent)) found.add(above);
      }
    }
    return found;
  };
  const interfaces = new Map<string, Map<string, Overload[]>>();
  for (const [name, methods] of direct) {
    const all = new Map(methods);
    for (const ancestor of ancestorsOf(name)) for (const [method, overloads] of direct.get(ancestor) ?? []) if (!all.has(method)) all.set(method, overloads);
    interfaces.set(name, all);
  }
  return { interfaces, enums, ancestors };
}

// ───────────────────────────── checking a call ─────────────────────────────

/**
 * What a value is, for the check: the interface a fake object stands for (e.g. "Range"), null for
 * another object. Supplied by the fake, which knows its classes.
 */
export type InterfaceOf = (value: object) => string | null;

/** Why `value` does not fit `param`; null when it fits. */
function misfit(value: unknown, param: Param, interfaceOf: InterfaceOf, ancestors: Map<string, Set<string>>): string | null {
  if (value === undefined) return param.optional || param.types.some((t) => t.kind === 'any') ? null : 'undefined';
  if (value === null) return param.nullable || param.types.some((t) => t.kind === 'any') ? null : 'null';
  let reason: string | null = null;
  for (const type of param.types) {
    switch (type.kind) {
      case 'any':
        return null;
      case 'number':
        if (typeof value === 'number') {
          if (Number.isFinite(value)) return null;
          reason = `${value} (not a finite number)`;
        }
        break;
      case 'boolean':
        if (typeof value === 'boolean') return null;
        break;
      case 'string':
        if (typeof value === 'string') {
          if (!type.oneOf || type.oneOf.includes(value)) return null;
          reason = `${JSON.stringify(value)} (not one of ${type.oneOf.map((v) => JSON.stringify(v)).join(', ')})`;
        }
        break;
      case 'enum':
        // The fake's enum values are their members' names (see FakeSpreadsheetApp).
        if (typeof value === 'string') {
          if (type.members.includes(value)) return null;
          reason = `${JSON.stringify(value)} (not a ${type.name}: ${type.members.join(', ')})`;
        }
        break;
      case 'Date':
        if (Object.prototype.toString.call(value) === '[object Date]') return null;
        break;
      case 'array':
        if (Array.isArray(value)) return null;
        break;
      case 'array-of-arrays':
        // The first row only: the range's setters check every row against the range's shape.
        if (Array.isArray(value) && (value.length === 0 || Array.isArray(value[0]))) return null;
        break;
      case 'object':
        if (typeof value === 'object' && !Array.isArray(value)) return null;
        break;
      case 'interface':
        if (typeof value === 'object') {
          const actual = interfaceOf(value);
          if (actual === null || actual === type.name || ancestors.get(actual)?.has(type.name)) return null;
          reason = `a ${actual}, not a ${type.name}`;
        }
        break;
    }
  }
  return reason ?? describe(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (Object.prototype.toString.call(value) === '[object Date]') return 'a Date';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function typeText(type: ParamType): string {
  if (type.kind === 'string' && type.oneOf) return type.oneOf.map((v) => JSON.stringify(v)).join(' | ');
  if (type.kind === 'enum' || type.kind === 'interface') return type.name;
  return type.kind;
}

/** An overload as "(row: number, column: number)". */
export function overloadText(overload: Overload): string {
  const params = overload.params.map((param) => {
    const types = [...param.types.map(typeText), ...(param.nullable ? ['null'] : [])].join(' | ');
    return `${param.rest ? '...' : ''}${param.name}${param.optional ? '?' : ''}: ${types}`;
  });
  return `(${params.join(', ')})`;
}

/** Why no overload of `call` ("Range.setValues") takes `args`; null when one does. */
export function callMisfit(call: string, args: unknown[], interfaceOf: InterfaceOf): string | null {
  const { interfaces, ancestors } = gasSignatures();
  const dot = call.indexOf('.');
  const overloads = interfaces.get(call.slice(0, dot))?.get(call.slice(dot + 1));
  if (!overloads) return `${call}: not a method of ${call.slice(0, dot)} in @types/google-apps-script`;
  const sized = overloads.filter((overload) => args.length >= overload.min && args.length <= overload.max);
  if (sized.length === 0) {
    return `${call}: ${args.length} argument${args.length === 1 ? '' : 's'}; Apps Script takes ${overloads.map(overloadText).join(' or ')}`;
  }
  const reasons: string[] = [];
  for (const overload of sized) {
    let reason: string | null = null;
    for (let i = 0; i < args.length && reason === null; i++) {
      const param = overload.params[Math.min(i, overload.params.length - 1)];
      const why = misfit(args[i], param, interfaceOf, ancestors);
      if (why !== null) reason = `argument ${i + 1} (${param.name}) is ${why}`;
    }
    if (reason === null) return null;
    reasons.push(`${overloadText(overload)}: ${reason}`);
  }
  return `${call}: no overload takes these arguments; ${reasons.join('; ')}`;
}
