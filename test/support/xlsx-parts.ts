/**
 * The parts of an .xlsx file, decompressed, to check which of them a run changed: a part is
 * untouched when its decompressed bytes are the same (the zip around them may be written anew).
 */
import JSZip from 'jszip';
import { readFileSync } from 'fs';
import { MARKER_SHEET } from '../../src/local/xlsx';
import { XlsxPackage, relationshipKind, relationshipsPartOf } from '../../src/local/xlsx-package';

export async function xlsxParts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) parts.set(entry.name, await entry.async('nodebuffer'));
  return parts;
}

/**
 * The parts a run that rewrote `tabs` (and the add-on's marker sheet) may change: those tabs' sheet
 * parts with their relationships and notes, and the shared parts that list or style sheets.
 */
export async function partsARewriteMayChange(file: string, tabs: string[]): Promise<Set<string>> {
  const pkg = await XlsxPackage.open(readFileSync(file));
  const allowed = new Set(['[Content_Types].xml', pkg.workbookPart, relationshipsPartOf(pkg.workbookPart)]);
  for (const rel of await pkg.relationships(pkg.workbookPart)) {
    const kind = relationshipKind(rel.type);
    if (kind === 'styles' || kind === 'calcChain') allowed.add(pkg.targetPart(pkg.workbookPart, rel)!);
  }
  for (const sheet of await pkg.sheets()) {
    if (!sheet.part || !(tabs.includes(sheet.name) || sheet.name === MARKER_SHEET)) continue;
    allowed.add(sheet.part);
    allowed.add(relationshipsPartOf(sheet.part));
    for (const rel of await pkg.relationships(sheet.part)) {
      const kind = relationshipKind(rel.type);
      if (kind === 'comments' || kind === 'vmlDrawing') allowed.add(pkg.targetPart(sheet.part, rel)!);
    }
  }
  return allowed;
}

/** The parts of `before` that are gone or different in `after`, leaving out those `allowed` to change. */
export function changedParts(before: Map<string, Buffer>, after: Map<string, Buffer>, allowed: Set<string>): string[] {
  return [...before]
    .filter(([name, bytes]) => !allowed.has(name) && !after.get(name)?.equals(bytes))
    .map(([name]) => name)
    .sort();
}
