/**
 * An .xlsx as it is underneath: a zip of parts tied together by relationship parts and typed by
 * [Content_Types].xml. Parts are read and edited as text, so every part that is not edited keeps
 * exactly the bytes the program that saved the file wrote — the zip container around them is
 * written anew.
 */
import JSZip from 'jszip';

const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT_TYPES = '[Content_Types].xml';
const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Relationship types by their last path segment ("worksheet", "comments", "drawing"…). */
export const RELATIONSHIP_TYPES = {
  worksheet: `${RELATIONSHIPS_NS}/worksheet`,
  styles: `${RELATIONSHIPS_NS}/styles`,
  sharedStrings: `${RELATIONSHIPS_NS}/sharedStrings`,
  comments: `${RELATIONSHIPS_NS}/comments`,
  vmlDrawing: `${RELATIONSHIPS_NS}/vmlDrawing`,
  drawing: `${RELATIONSHIPS_NS}/drawing`,
  hyperlink: `${RELATIONSHIPS_NS}/hyperlink`,
  calcChain: `${RELATIONSHIPS_NS}/calcChain`,
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** As written in the relationship part. */
  target: string;
  external: boolean;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** A `<sheet>` of workbook.xml: a worksheet, or a chart sheet or dialog sheet (`kind`). */
export interface PackageSheet {
  name: string;
  sheetId: number;
  state: SheetState;
  relationshipId: string;
  /** The part holding the sheet, null when the workbook points nowhere. */
  part: string | null;
  kind: string;
}

/** "…/relationships/worksheet" → "worksheet": the same for transitional and strict files. */
export function relationshipKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

/** The attributes of one start tag, by their qualified names ("name", "r:id"), unescaped. */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return found;
  for (const match of tag.slice(start).matchAll(pattern)) found.set(match[1], unescapeXml(match[2] ?? match[3] ?? ''));
  return found;
}

/** The value of the first attribute whose local name is `local` ("id" finds "r:id" whatever the prefix). */
export function attributeByLocalName(tag: string, local: string): string | undefined {
  for (const [name, value] of attributes(tag)) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** The tag with one attribute set (replaced in place, or added before the tag closes). */
export function withAttribute(tag: string, name: string, value: string): string {
  const escaped = escapeXml(value);
  const pattern = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (pattern.test(tag)) return tag.replace(pattern, `$1"${escaped}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${escaped}"$1`);
}

/** Elements named `local` (any prefix), with their content: `<x:font>…</x:font>` or `<font/>`. */
export function elementPattern(local: string, flags = 'g'): RegExp {
  return new RegExp(`<((?:[\\w.-]+:)?)${local}\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1${local}>)`, flags);
}

/** The part a relationship points to, from the part that holds the relationship ('' for the package). */
function resolveTarget(sourcePart: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1)}${target}`;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

/** The target that leads from `sourcePart` to `part`, relative as Excel writes them ("../comments1.xml"). */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split('/').slice(0, -1);
  const to = part.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** Where the relationships of a part live: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function parseRelationships(xml: string): Relationship[] {
  return Array.from(xml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g), ([tag]) => {
    const attrs = attributes(tag);
    return { id: attrs.get('Id') ?? '', type: attrs.get('Type') ?? '', target: attrs.get('Target') ?? '', external: attrs.get('TargetMode') === 'External' };
  });
}

export function relationshipsXml(relationships: Relationship[]): string {
  const items = relationships.map(
    (rel) =>
      `<Relationship Id="${escapeXml(rel.id)}" Type="${escapeXml(rel.type)}" Target="${escapeXml(rel.target)}"${rel.external ? ' TargetMode="External"' : ''}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

/** An id that none of `taken` has: rId1, rId2… */
export function freeRelationshipId(taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

export class XlsxPackage {
  /** Part names as stored in the zip, by their lower-case form (OPC compares part names case-insensitively). */
  private readonly names = new Map<string, string>();
  /** Parts written or removed (null) since the package was opened, by stored name. */
  private readonly edits = new Map<string, string | Uint8Array | null>();

  private constructor(
    private readonly zip: JSZip,
    readonly workbookPart: string,
  ) {
    for (const entry of Object.values(zip.files)) if (!entry.dir) this.names.set(entry.name.toLowerCase(), entry.name);
  }

  /** Throws when the bytes are not a zip; the workbook part is found through the package's relationships. */
  static async open(bytes: Uint8Array): Promise<XlsxPackage> {
    const zip = await JSZip.loadAsync(bytes);
    const opened = new XlsxPackage(zip, 'xl/workbook.xml');
    const root = (await opened.relationships('')).find((rel) => relationshipKind(rel.type) === 'officeDocument' && !rel.external);
    return root ? new XlsxPackage(zip, resolveTarget('', root.target)) : opened;
  }

  has(part: string): boolean {
    const name = this.stored(part);
    return this.edits.has(name) ? this.edits.get(name) !== null : this.names.has(part.toLowerCase());
  }

  async text(part: string): Promise<string | null> {
    const name = this.stored(part);
    if (this.edits.has(name)) {
      const edited = this.edits.get(name);
      if (edited === null || edited === undefined) return null;
      return typeof edited === 'string' ? edited : Buffer.from(edited).toString('utf8');
    }
    const entry = this.zip.file(name);
    return entry ? entry.async('string') : null;
  }

  async bytes(part: string): Promise<Uint8Array | null> {
    const name = this.stored(part);
    if (this.edits.has(name)) {
      const edited = this.edits.get(name);
      if (edited === null || edited === undefined) return null;
      return typeof edited === 'string' ? Buffer.from(edited, 'utf8') : edited;
    }
    const entry = this.zip.file(name);
    return entry ? entry.async('uint8array') : null;
  }

  write(part: string, content: string | Uint8Array): void {
    const name = this.stored(part);
    this.names.set(name.toLowerCase(), name);
    this.edits.set(name, content);
  }

  /** Removes a part, its relationships part and its content-type override. */
  async remove(part: string): Promise<void> {
    this.edits.set(this.stored(part), null);
    const rels = relationshipsPartOf(part);
    if (this.has(rels)) this.edits.set(this.stored(rels), null);
    const types = await this.text(CONTENT_TYPES);
    if (types === null) return;
    const override = overridePattern(part);
    if (override.test(types)) this.write(CONTENT_TYPES, types.replace(override, ''));
  }

  async relationships(part: string): Promise<Relationship[]> {
    const xml = await this.text(part === '' ? '_rels/.rels' : relationshipsPartOf(part));
    return xml === null ? [] : parseRelationships(xml);
  }

  /** Writes a part's relationships; none at all removes its relationships part. */
  async writeRelationships(part: string, relationships: Relationship[]): Promise<void> {
    const rels = relationshipsPartOf(part);
    if (relationships.length > 0) this.write(rels, relationshipsXml(relationships));
    else if (this.has(rels)) this.edits.set(this.stored(rels), null);
  }

  /** The part a relationship of `sourcePart` points to (null for an external target). */
  targetPart(sourcePart: string, relationship: Relationship): string | null {
    return relationship.external ? null : resolveTarget(sourcePart, relationship.target);
  }

  /** The sheets of workbook.xml in tab order. */
  async sheets(): Promise<PackageSheet[]> {
    const workbook = (await this.text(this.workbookPart)) ?? '';
    const rels = new Map((await this.relationships(this.workbookPart)).map((rel) => [rel.id, rel]));
    const sheetsBlock = /<(?:[\w.-]+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?sheets>/.exec(workbook)?.[1] ?? '';
    return Array.from(sheetsBlock.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g), ([tag]) => {
      const attrs = attributes(tag);
      const relationshipId = attributeByLocalName(tag, 'id') ?? '';
      const rel = rels.get(relationshipId);
      const state = attrs.get('state');
      return {
        name: attrs.get('name') ?? '',
        sheetId: Number(attrs.get('sheetId') ?? 0),
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        relationshipId,
        part: rel ? this.targetPart(this.workbookPart, rel) : null,
        kind: rel ? relationshipKind(rel.type) : '',
      };
    });
  }

  /** Adds a worksheet at the end of the tab order, pointing at `part`; returns its sheetId. */
  async addSheet(name: string, part: string, state: SheetState): Promise<number> {
    const sheets = await this.sheets();
    const sheetId = sheets.reduce((max, sheet) => Math.max(max, sheet.sheetId), 0) + 1;
    const rels = await this.relationships(this.workbookPart);
    const id = freeRelationshipId(rels.map((rel) => rel.id));
    await this.writeRelationships(this.workbookPart, [
      ...rels,
      { id, type: RELATIONSHIP_TYPES.worksheet, target: relativeTarget(this.workbookPart, part), external: false },
    ]);
    const workbook = (await this.text(this.workbookPart)) ?? '';
    const close = /<\/([\w.-]+:)?sheets>/.exec(workbook);
    if (!close) throw new Error(`${this.workbookPart} has no <sheets>`);
    // The relationships namespace is declared on the element itself: some writers (openpyxl) declare it per <sheet>.
    const element = `<${close[1] ?? ''}sheet xmlns:r="${RELATIONSHIPS_NS}" name="${escapeXml(name)}" sheetId="${sheetId}"${state === 'visible' ? '' : ` state="${state}"`} r:id="${id}"/>`;
    this.write(this.workbookPart, workbook.slice(0, close.index) + element + workbook.slice(close.index));
    await this.setContentType(part, WORKSHEET_CONTENT_TYPE);
    return sheetId;
  }

  async contentType(part: string): Promise<string | null> {
    const types = (await this.text(CONTENT_TYPES)) ?? '';
    const override = overridePattern(part).exec(types);
    if (override) return attributes(override[0]).get('ContentType') ?? null;
    const extension = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    for (const [tag] of types.matchAll(/<(?:[\w.-]+:)?Default\b[^>]*>/g)) {
      const attrs = attributes(tag);
      if ((attrs.get('Extension') ?? '').toLowerCase() === extension) return attrs.get('ContentType') ?? null;
    }
    return null;
  }

  /** Gives a part its content type: through its extension's default when that matches, else an override. */
  async setContentType(part: string, type: string): Promise<void> {
    if ((await this.contentType(part)) === type) return;
    const types =
      (await this.text(CONTENT_TYPES)) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';
    const withoutOld = types.replace(overridePattern(part), '');
    const close = /<\/([\w.-]+:)?Types>/.exec(withoutOld);
    if (!close) throw new Error(`${CONTENT_TYPES} has no <Types>`);
    const override = `<${close[1] ?? ''}Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(type)}"/>`;
    this.write(CONTENT_TYPES, withoutOld.slice(0, close.index) + override + withoutOld.slice(close.index));
  }

  /** `${stem}${n}${extension}` with the smallest n ≥ 1 that no part has. */
  freePartName(stem: string, extension: string): string {
    let n = 1;
    while (this.has(`${stem}${n}${extension}`)) n++;
    return `${stem}${n}${extension}`;
  }

  async toBuffer(): Promise<Buffer> {
    for (const [name, content] of this.edits) {
      if (content === null) this.zip.remove(name);
      else this.zip.file(name, content);
    }
    this.edits.clear();
    return this.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }

  private stored(part: string): string {
    return this.names.get(part.toLowerCase()) ?? part;
  }
}

function overridePattern(part: string): RegExp {
  const escaped = `/${part}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<(?:[\\w.-]+:)?Override\\b[^>]*\\bPartName\\s*=\\s*["']${escaped}["'][^>]*>`, 'i');
}
