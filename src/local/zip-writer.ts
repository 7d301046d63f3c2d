/**
 * A zip archive written with Node's zlib. JSZip deflates in JavaScript (about a fifth of zlib's speed)
 * and wants each part whole in memory, and the sheet of an 800,000-row member list is 200 MB of XML.
 * Here a part may come as a sequence of chunks, deflated on zlib's thread while the next ones are
 * made, so the uncompressed part is never whole in memory.
 */
import { once } from 'node:events';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  /** The part's name inside the archive ("xl/worksheets/sheet1.xml"). */
  name: string;
  content: Uint8Array | Iterable<string | Uint8Array>;
}

/** The plain zip format counts sizes and offsets in 32 bits; beyond them it would need Zip64. */
const ZIP32_LIMIT = 0xffffffff;

/** The archive, every entry deflated, in the order given. */
export async function writeZip(entries: Iterable<ZipEntry>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  let count = 0;
  const { time, date } = dosTimestamp(new Date());
  for (const entry of entries) {
    const { crc, size, data } = await deflated(entry.content);
    if (size > ZIP32_LIMIT || offset > ZIP32_LIMIT) throw new Error(`${entry.name} does not fit in a zip without Zip64`);
    const name = Buffer.from(entry.name, 'utf8');
    // Bit 11: the name is UTF-8.
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    parts.push(local, name, data);
    offset += local.length + name.length + data.length;
    count++;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  if (count > 0xffff || offset > ZIP32_LIMIT) throw new Error('the archive does not fit in a zip without Zip64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/** A part deflated, with the CRC-32 and the size of what went in. */
async function deflated(content: ZipEntry['content']): Promise<{ crc: number; size: number; data: Buffer }> {
  if (content instanceof Uint8Array) return { crc: crc32(content, 0), size: content.length, data: zlib.deflateRawSync(content) };
  const deflate = zlib.createDeflateRaw({ chunkSize: 1 << 20 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const piece of content) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    crc = crc32(bytes, crc);
    size += bytes.length;
    // Waiting for zlib to take the chunk keeps memory at a few chunks, however long the part.
    if (!deflate.write(bytes)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { crc, size, data: Buffer.concat(out) };
}

/** MS-DOS time and date, as zip entries carry them (two-second resolution, UTC like JSZip's). */
function dosTimestamp(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** zlib.crc32 arrived in Node 20.15; the table below serves the Node 20 releases before it. */
const crc32: (data: Uint8Array, value: number) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : tableCrc32;

let crcTable: Uint32Array | undefined;

function tableCrc32(data: Uint8Array, value: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = ~value >>> 0;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
