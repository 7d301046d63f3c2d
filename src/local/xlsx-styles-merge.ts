/**
 * Styles of a freshly rendered workbook added to the styles part of a person's workbook. Cells
 * point at styles by index, so the person's styles stay where they are and the new ones are
 * appended (or found among those already there, so that updating again and again does not grow
 * the part); the returned maps give each rendered index its place in the merged part.
 */
import { attributes, elementPattern, withAttribute } from './xlsx-package';

export interface StyleIndexMaps {
  /** Index into cellXfs (a cell's `s`, a row's `s`, a column's `style`). */
  cellXf(index: number): number;
  /** Index into dxfs (a conditional format's `dxfId`). */
  dxf(index: number): number;
}

/** The lists of a styles part, in the order the schema wants them. */
const SECTIONS = [
  ['numFmts', 'numFmt'],
  ['fonts', 'font'],
  ['fills', 'fill'],
  ['borders', 'border'],
  ['cellStyleXfs', 'xf'],
  ['cellXfs', 'xf'],
  ['cellStyles', 'cellStyle'],
  ['dxfs', 'dxf'],
  ['tableStyles', 'tableStyle'],
  ['colors', ''],
  ['extLst', ''],
] as const;

/** Custom number formats take ids from here on; lower ids are Excel's built-in formats. */
const FIRST_CUSTOM_NUMBER_FORMAT = 164;

interface Section {
  prefix: string;
  items: string[];
}

/** The container `<name …>…</name>` (any prefix), or null. */
function container(xml: string, name: string): RegExpExecArray | null {
  return elementPattern(name, '').exec(xml);
}

function sectionOf(xml: string, name: string, item: string): Section | null {
  const found = container(xml, name);
  if (!found) return null;
  const inner = /^<[^>]*?\/>$/.test(found[0]) ? '' : found[0].replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, '');
  return { prefix: found[1], items: Array.from(inner.matchAll(elementPattern(item)), (match) => match[0]) };
}

/** Element names given the prefix the person's part uses (ExcelJS writes none). */
function prefixed(xml: string, prefix: string): string {
  if (!prefix) return xml;
  return xml.replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, `<$1${prefix}$2`);
}

export function appendStyles(baseXml: string, renderedXml: string): { xml: string; maps: StyleIndexMaps } {
  const rootPrefix = /<((?:[\w.-]+:)?)styleSheet\b/.exec(baseXml)?.[1] ?? '';
  const base = new Map<string, Section>();
  for (const [name, item] of SECTIONS) if (item) base.set(name, sectionOf(baseXml, name, item) ?? { prefix: rootPrefix, items: [] });
  const rendered = new Map<string, string[]>();
  for (const [name, item] of SECTIONS)
    if (item)
      rendered.set(
        name,
        (sectionOf(renderedXml, name, item)?.items ?? []).map((x) => prefixed(x, base.get(name)!.prefix)),
      );
  const changed = new Set<string>();

  /** The index of an equal item in the person's list, or the index it gets when appended. */
  const place = (name: string, item: string): number => {
    const items = base.get(name)!.items;
    const existing = items.indexOf(item);
    if (existing >= 0) return existing;
    items.push(item);
    changed.add(name);
    return items.length - 1;
  };

  const numberFormats = new Map<number, number>();
  const baseFormats = base.get('numFmts')!.items.map((item) => attributes(item));
  let nextFormatId = Math.max(FIRST_CUSTOM_NUMBER_FORMAT - 1, ...baseFormats.map((attrs) => Number(attrs.get('numFmtId') ?? 0))) + 1;
  for (const item of rendered.get('numFmts')!) {
    const attrs = attributes(item);
    const id = Number(attrs.get('numFmtId'));
    const code = attrs.get('formatCode') ?? '';
    const same = baseFormats.find((other) => other.get('formatCode') === code);
    if (same) {
      numberFormats.set(id, Number(same.get('numFmtId')));
    } else {
      const tag = withAttribute(item, 'numFmtId', String(nextFormatId));
      base.get('numFmts')!.items.push(tag);
      baseFormats.push(attributes(tag));
      changed.add('numFmts');
      numberFormats.set(id, nextFormatId++);
    }
  }

  // The first font, fill and border (and fill 1, Excel's reserved gray125) are each workbook's
  // defaults: the rendered defaults become the person's, so new cells look like their neighbours.
  const listMap = (name: string, reserved: number): number[] => rendered.get(name)!.map((item, index) => (index < reserved ? index : place(name, item)));
  const fonts = listMap('fonts', 1);
  const fills = listMap('fills', 2);
  const borders = listMap('borders', 1);

  const cellXfs = rendered.get('cellXfs')!.map((item, index) => {
    if (index === 0) return 0;
    const tag = /^<[^>]*>/.exec(item)![0];
    const attrs = attributes(tag);
    const mapped = (map: number[], key: string): string => String(map[Number(attrs.get(key) ?? 0)] ?? 0);
    const numFmtId = Number(attrs.get('numFmtId') ?? 0);
    let newTag = withAttribute(tag, 'numFmtId', String(numberFormats.get(numFmtId) ?? numFmtId));
    newTag = withAttribute(newTag, 'fontId', mapped(fonts, 'fontId'));
    newTag = withAttribute(newTag, 'fillId', mapped(fills, 'fillId'));
    newTag = withAttribute(newTag, 'borderId', mapped(borders, 'borderId'));
    newTag = withAttribute(newTag, 'xfId', '0');
    return place('cellXfs', newTag + item.slice(tag.length));
  });

  const dxfs = rendered.get('dxfs')!.map((item) => place('dxfs', item));

  let xml = baseXml;
  for (const [name, item] of SECTIONS) {
    if (!item || !changed.has(name)) continue;
    const section = base.get(name)!;
    const p = section.prefix;
    const element = `<${p}${name} count="${section.items.length}">${section.items.join('')}</${p}${name}>`;
    const existing = container(xml, name);
    if (existing) {
      const open = /^<[^>]*?\/?>/.exec(existing[0])![0].replace(/\/>$/, '>');
      const keptOpen = withAttribute(open, 'count', String(section.items.length));
      xml = xml.slice(0, existing.index) + `${keptOpen}${section.items.join('')}</${p}${name}>` + xml.slice(existing.index + existing[0].length);
    } else {
      xml = insertSection(xml, name, element, rootPrefix);
    }
  }
  return {
    xml,
    maps: {
      cellXf: (index) => cellXfs[index] ?? 0,
      dxf: (index) => dxfs[index] ?? 0,
    },
  };
}

/** A section the part did not have goes before the first section the schema puts after it. */
function insertSection(xml: string, name: string, element: string, rootPrefix: string): string {
  const order = SECTIONS.map(([section]) => section as string);
  for (const later of order.slice(order.indexOf(name) + 1)) {
    const found = container(xml, later);
    if (found) return xml.slice(0, found.index) + element + xml.slice(found.index);
  }
  const close = xml.lastIndexOf(`</${rootPrefix}styleSheet>`);
  return xml.slice(0, close) + element + xml.slice(close);
}
