import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { base64Encode, hmacSha256, sha256, utf8ByteLength, utf8Encode } from '../../../src/core/remind/crypto';
import { dingtalkSignature, dingtalkSignedUrl, feishuSignature } from '../../../src/core/remind/sign';

/** Any UTF-16 text, lone surrogates included (what a string cut in the middle of an emoji holds). */
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((codes) => String.fromCharCode(...codes));
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), anyUtf16);
const bytes = (max: number) => fc.uint8Array({ maxLength: max });

describe('the core computes what node:crypto computes', () => {
  test('UTF-8 bytes of any text, lone surrogates becoming U+FFFD as Buffer does', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(Buffer.from(utf8Encode(text))).toEqual(Buffer.from(text, 'utf8'));
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 500 },
    );
    expect(utf8ByteLength('林晓 😀')).toBe(3 + 3 + 1 + 4);
  });

  test('SHA-256 of any bytes, across the padding boundaries (55, 56, 64 bytes)', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 256);
      expect(Buffer.from(sha256(message)).toString('hex')).toBe(createHash('sha256').update(message).digest('hex'));
    }
    fc.assert(
      fc.property(bytes(300), (message) => {
        expect(Buffer.from(sha256(message)).toString('hex')).toBe(createHash('sha256').update(message).digest('hex'));
      }),
    );
  });

  test('HMAC-SHA256 with short, block-sized, long and non-ASCII keys', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          bytes(200),
          anyText.map((text) => utf8Encode(text)),
        ),
        bytes(200),
        (key, message) => {
          expect(Buffer.from(hmacSha256(key, message)).toString('hex')).toBe(createHmac('sha256', key).update(message).digest('hex'));
        },
      ),
      { numRuns: 300 },
    );
    const longKey = utf8Encode('密钥'.repeat(40));
    expect(Buffer.from(hmacSha256(longKey, utf8Encode('x'))).toString('base64')).toBe(
      createHmac('sha256', Buffer.from('密钥'.repeat(40)))
        .update('x')
        .digest('base64'),
    );
  });

  test('base64 with padding, as Buffer writes it', () => {
    fc.assert(fc.property(bytes(100), (data) => expect(base64Encode(data)).toBe(Buffer.from(data).toString('base64'))));
  });
});

describe('signatures as the platforms document them', () => {
  test('Feishu: timestamp + "\\n" + secret is the HMAC key, over an empty message', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }), (secret, seconds) => {
        const expected = createHmac('sha256', Buffer.from(`${seconds}\n${secret}`, 'utf8'))
          .update(Buffer.alloc(0))
          .digest('base64');
        expect(feishuSignature(secret, seconds)).toBe(expected);
      }),
    );
  });

  test('DingTalk: the secret is the key over timestamp + "\\n" + secret; URL-encoded on the webhook', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }), (secret, ms) => {
        expect(dingtalkSignature(secret, ms)).toBe(createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${ms}\n${secret}`).digest('base64'));
      }),
    );
    const secret = 'SEC0123456789abcdef0123456789abcdef';
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, 1_764_750_600_000);
    const sign = new URL(url).searchParams.get('sign');
    expect(sign).toBe(createHmac('sha256', secret).update(`1764750600000\n${secret}`).digest('base64'));
    expect(url).toMatch(/&timestamp=1764750600000&sign=[A-Za-z0-9%]+$/);
    expect(url).not.toMatch(/sign=.*[+/=]/);
  });
});
