// @time-zones: the zip entries' timestamps (build/test.mjs runs this suite under three time zones).
/** Zips written with zlib, some parts streamed in chunks, read back by JSZip with their checksums checked. */
import JSZip from 'jszip';
import { writeZip } from '../../src/local/zip-writer';
import { itOnce } from '../support/zones';

describe('writeZip', () => {
  it('writes whole parts and parts given in chunks, in order, each read back byte for byte', async () => {
    const chunks = ['<sheetData>', Buffer.from('<row r="1"><c r="A1" t="inlineStr"><is><t>群成员</t></is></c></row>'), '', '</sheetData>'];
    const zip = await writeZip([
      { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', content: chunks },
      { name: 'xl/empty.xml', content: new Uint8Array(0) },
      { name: '名单/说明.txt', content: ['中文', '名字'] },
    ]);
    const read = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/empty.xml', '名单/说明.txt']);
    expect(await read.file('xl/worksheets/sheet1.xml')?.async('string')).toBe(chunks.map(String).join(''));
    expect(await read.file('xl/empty.xml')?.async('string')).toBe('');
    expect(await read.file('名单/说明.txt')?.async('string')).toBe('中文名字');
  });

  itOnce('streams a part far larger than its chunks, compressed', async () => {
    // 200 chunks of 32 KB, each twice what the deflate stream buffers (16 KB): every write waits for zlib
    // to drain, and the 6.4 MB part reads back whole, its CRC checked.
    const row = '<row><c><v>1234567</v></c></row>';
    function* rows(): Generator<string> {
      for (let i = 0; i < 200; i++) yield row.repeat(1_000);
    }
    const zip = await writeZip([{ name: 'big.xml', content: rows() }]);
    expect(zip.length).toBeLessThan(100_000);
    const text = await (await JSZip.loadAsync(zip, { checkCRC32: true })).file('big.xml')?.async('string');
    expect(text?.length).toBe(row.length * 200_000);
    expect(text?.endsWith(`${row}${row}`)).toBe(true);
  });
});
