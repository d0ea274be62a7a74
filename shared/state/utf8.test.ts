import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';

describe('encodeUtf8 / decodeUtf8', () => {
  const text = 'ascii ÿ ĀЖ ࠀ € \uffff 𐀀 😀 \u{10ffff}';

  it('encodes like Node\'s Buffer, covering every sequence length and its limits', () => {
    expect(Array.from(encodeUtf8(text))).toEqual(Array.from(Buffer.from(text, 'utf8')));
  });

  it('decodes what it encodes', () => {
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['an overlong two-byte form', [0xc0, 0x80]],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0x61, 0xe2, 0x82]],
    ['a missing continuation', [0xe2, 0x41, 0x41]],
  ])('refuses %s', (_case, bytes) => {
    expect(decodeUtf8(Uint8Array.from(bytes))).toBeNull();
  });
});
