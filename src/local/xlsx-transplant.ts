/**
 * Worksheets rendered in a scratch workbook, moved into a person's workbook package. Only the
 * moved sheets, their comments, and the shared parts that list or style them change: workbook.xml
 * gains a <sheet> for an added sheet, the relationships and content types gain their entries, the
 * styles part gains the new styles at its end. Every other part keeps its bytes — charts, images,
 * pivot tables, defined names, the other sheets and their relationships.
 */
import { appendStyles, type StyleIndexMaps } from './xlsx-styles-merge';
import {
  RELATIONSHIP_TYPES,
  XlsxPackage,
  attributeByLocalName,
  elementPattern,
  freeRelationshipId,
  relationshipKind,
  relativeTarget,
  withAttribute,
  type PackageSheet,
  type Relationship,
  type SheetState,
} from './xlsx-package';

export interface SheetMove {
  /** The sheet's name in the scratch workbook. */
  from: string;
  /**
   * A sheet of the person's workbook to replace (it keeps its part, its place in the tab order, its
   * r:id and sheetId, and its drawing), or the name of a sheet to add at the end.
   */
  to: { replace: PackageSheet } | { add: string; state: SheetState };
}

/** Worksheet elements that come after <drawing> in the schema; a kept drawing goes before the first of them. */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

const STYLES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

export async function transplantSheets(base: XlsxPackage, scratch: XlsxPackage, moves: SheetMove[]): Promise<void> {
  if (!moves.length) return;
  const maps = await mergeStyles(base, scratch);
  const sharedStrings = await scratchSharedStrings(scratch);
  const scratchSheets = await scratch.sheets();
  const replacedIds: number[] = [];
  for (const move of moves) {
    const source = scratchSheets.find((sheet) => sheet.name === move.from);
    if (!source?.part) throw new Error(`the scratch workbook has no sheet ${move.from}`);
    const rendered = inlineSharedStrings(remapStyles((await scratch.text(source.part)) ?? '', maps), sharedStrings);
    let target: SheetPlace;
    if ('replace' in move.to) {
      target = await emptiedPlace(base, move.to.replace);
      replacedIds.push(move.to.replace.sheetId);
    } else {
      const part = base.freePartName('xl/worksheets/sheet', '.xml');
      await base.addSheet(move.to.add, part, move.to.state);
      target = { part, kept: [], drawingId: undefined, selected: false };
    }
    const { xml, relationships } = await copyRelatedParts(base, scratch, source.part, target.part, rendered, target.kept);
    base.write(target.part, withWhatStays(xml, target));
    await base.writeRelationships(target.part, relationships);
  }
  await dropCalcChainEntries(base, replacedIds);
}

/** Where a moved sheet goes, and what of the sheet that was there stays with it. */
interface SheetPlace {
  part: string;
  /** Relationships of the replaced sheet that the new one keeps (its drawing's). */
  kept: Relationship[];
  drawingId: string | undefined;
  /** The replaced sheet was the one shown when the workbook opens. */
  selected: boolean;
}

/**
 * The place of a sheet being replaced: its drawing (a chart or picture a person put there) stays;
 * its notes go, as the new sheet holds them again (they were read from the file and rendered anew).
 */
async function emptiedPlace(base: XlsxPackage, sheet: PackageSheet): Promise<SheetPlace> {
  if (!sheet.part) throw new Error(`the sheet ${sheet.name} has no part`);
  const part = sheet.part;
  const original = (await base.text(part)) ?? '';
  const relationships = await base.relationships(part);
  const drawing = elementPattern('drawing', '').exec(original)?.[0];
  const drawingId = drawing ? attributeByLocalName(drawing, 'id') : undefined;
  for (const rel of relationships) {
    const kind = relationshipKind(rel.type);
    const notes = kind === 'comments' || kind === 'vmlDrawing' ? base.targetPart(part, rel) : null;
    if (notes) await base.remove(notes);
  }
  return {
    part,
    kept: relationships.filter((rel) => rel.id === drawingId),
    drawingId,
    selected: /<(?:[\w.-]+:)?sheetView\b[^>]*\btabSelected\s*=\s*"(?:1|true)"/.test(original),
  };
}

function withWhatStays(xml: string, place: SheetPlace): string {
  let kept = xml;
  if (place.drawingId && place.kept.length) kept = withDrawing(kept, place.drawingId);
  if (place.selected) kept = kept.replace(/<sheetView\b[^>]*?(?=\/?>)/, (tag) => withAttribute(`${tag}>`, 'tabSelected', '1').slice(0, -1));
  return kept;
}

async function mergeStyles(base: XlsxPackage, scratch: XlsxPackage): Promise<StyleIndexMaps> {
  const stylesOf = async (pkg: XlsxPackage): Promise<string | null> => {
    const rel = (await pkg.relationships(pkg.workbookPart)).find((candidate) => relationshipKind(candidate.type) === 'styles');
    return rel ? pkg.targetPart(pkg.workbookPart, rel) : null;
  };
  const scratchPart = await stylesOf(scratch);
  const scratchXml = scratchPart ? await scratch.text(scratchPart) : null;
  if (!scratchXml) return { cellXf: () => 0, dxf: () => 0 };
  const basePart = await stylesOf(base);
  const baseXml = basePart ? await base.text(basePart) : null;
  if (basePart && baseXml) {
    const { xml, maps } = appendStyles(baseXml, scratchXml);
    if (xml !== baseXml) base.write(basePart, xml);
    return maps;
  }
  // A workbook without a styles part takes the scratch workbook's as it is.
  const part = basePart ?? 'xl/styles.xml';
  base.write(part, scratchXml);
  const rels = await base.relationships(base.workbookPart);
  if (!basePart) {
    rels.push({
      id: freeRelationshipId(rels.map((rel) => rel.id)),
      type: RELATIONSHIP_TYPES.styles,
      target: relativeTarget(base.workbookPart, part),
      external: false,
    });
    await base.writeRelationships(base.workbookPart, rels);
  }
  await base.setContentType(part, STYLES_CONTENT_TYPE);
  return { cellXf: (index) => index, dxf: (index) => index };
}

/** Style indices of the rendered sheet, moved to where appendStyles put its styles. */
function remapStyles(xml: string, maps: StyleIndexMaps): string {
  const remap = (tag: string, attribute: string, map: (index: number) => number): string =>
    tag.replace(new RegExp(`(\\s${attribute}\\s*=\\s*")(\\d+)"`), (_whole, head: string, index: string) => `${head}${map(Number(index))}"`);
  return xml
    .replace(/<(?:c|row)\b[^>]*>/g, (tag) => remap(tag, 's', maps.cellXf))
    .replace(/<col\b[^>]*>/g, (tag) => remap(tag, 'style', maps.cellXf))
    .replace(/<cfRule\b[^>]*>/g, (tag) => remap(tag, 'dxfId', maps.dxf));
}

async function scratchSharedStrings(scratch: XlsxPackage): Promise<string[]> {
  const rel = (await scratch.relationships(scratch.workbookPart)).find((candidate) => relationshipKind(candidate.type) === 'sharedStrings');
  const part = rel ? scratch.targetPart(scratch.workbookPart, rel) : null;
  const xml = part ? await scratch.text(part) : null;
  if (!xml) return [];
  return Array.from(xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g), (match) => match[1] ?? '');
}

/**
 * Text cells hold their text (inline strings) instead of pointing into the scratch workbook's
 * shared strings, so the person's sharedStrings part, which other sheets point into, stays as it is.
 */
function inlineSharedStrings(xml: string, strings: string[]): string {
  return xml.replace(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, content: string | undefined) => {
    if (!/\st\s*=\s*"s"/.test(attrs) || content === undefined) return whole;
    const index = /<v>\s*(\d+)\s*<\/v>/.exec(content);
    if (!index) return whole;
    return `<c${attrs.replace(/(\st\s*=\s*)"s"/, '$1"inlineStr"')}><is>${strings[Number(index[1])] ?? ''}</is></c>`;
  });
}

function withDrawing(xml: string, id: string): string {
  const element = `<drawing r:id="${id}"/>`;
  let at = xml.lastIndexOf('</worksheet>');
  for (const name of AFTER_DRAWING) {
    const found = elementPattern(name, '').exec(xml);
    if (found && found.index < at) at = found.index;
  }
  return xml.slice(0, at) + element + xml.slice(at);
}

/**
 * Copies the parts the rendered sheet points to (its comments and their VML shapes) under names
 * free in the person's package, and gives the sheet its relationships: those kept from the sheet it
 * replaces first, then the new ones under ids that do not clash.
 */
async function copyRelatedParts(
  base: XlsxPackage,
  scratch: XlsxPackage,
  sourcePart: string,
  part: string,
  xml: string,
  kept: Relationship[],
): Promise<{ xml: string; relationships: Relationship[] }> {
  const relationships = [...kept];
  const renamed = new Map<string, string>();
  for (const rel of await scratch.relationships(sourcePart)) {
    const id = freeRelationshipId(relationships.map((other) => other.id));
    renamed.set(rel.id, id);
    const related = scratch.targetPart(sourcePart, rel);
    if (!related) {
      relationships.push({ ...rel, id });
      continue;
    }
    const match = /^(.*?)(\d*)(\.[^./]+)$/.exec(related);
    const copy = base.freePartName(match ? match[1] : related, match ? match[3] : '');
    base.write(copy, (await scratch.bytes(related)) ?? new Uint8Array());
    const type = await scratch.contentType(related);
    if (type) await base.setContentType(copy, type);
    relationships.push({ id, type: rel.type, target: relativeTarget(part, copy), external: false });
  }
  const linked = xml.replace(/(\sr:id\s*=\s*")([^"]*)"/g, (whole, head: string, id: string) => (renamed.has(id) ? `${head}${renamed.get(id)}"` : whole));
  return { xml: linked, relationships };
}

/**
 * Excel's calculation chain lists the formula cells of every sheet; entries for cells of a
 * rewritten sheet may no longer be formulas, which Excel reports as a damaged file, so they go.
 */
async function dropCalcChainEntries(base: XlsxPackage, sheetIds: number[]): Promise<void> {
  if (!sheetIds.length) return;
  const workbookRels = await base.relationships(base.workbookPart);
  const rel = workbookRels.find((candidate) => relationshipKind(candidate.type) === 'calcChain');
  const part = rel ? base.targetPart(base.workbookPart, rel) : null;
  const xml = part ? await base.text(part) : null;
  if (!part || !rel || xml === null) return;
  const dropped = new Set(sheetIds);
  let sheet = 0;
  let lastWritten = -1;
  let removed = 0;
  const entries: string[] = [];
  for (const [tag] of xml.matchAll(/<(?:[\w.-]+:)?c\b[^>]*>/g)) {
    const id = attributeByLocalName(tag, 'i');
    // An entry without i belongs to the sheet of the entry before it.
    if (id !== undefined) sheet = Number(id);
    if (dropped.has(sheet)) {
      removed++;
      continue;
    }
    entries.push(sheet === lastWritten || id !== undefined ? tag : withAttribute(tag, 'i', String(sheet)));
    lastWritten = sheet;
  }
  if (!removed) return;
  if (!entries.length) {
    await base.remove(part);
    await base.writeRelationships(
      base.workbookPart,
      workbookRels.filter((candidate) => candidate !== rel),
    );
    return;
  }
  const open = /^[\s\S]*?<(?:[\w.-]+:)?calcChain\b[^>]*>/.exec(xml)?.[0] ?? '';
  const close = /<\/(?:[\w.-]+:)?calcChain>\s*$/.exec(xml)?.[0] ?? '';
  base.write(part, open + entries.join('') + close);
}
