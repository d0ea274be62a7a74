import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  // FIPS 180-2 appendix B and the NIST CAVS short/long message examples.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes the NIST vector %j', (message, digest) => {
    expect(sha256Hex(ascii(message))).toBe(digest);
  });

  it('hashes one million "a" to the NIST long-message digest', () => {
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 1_048_577])(
    'matches node:crypto on %i random bytes (padding boundaries and more than 1 MiB)',
    (length) => {
      const bytes = new Uint8Array(randomBytes(length));
      expect(sha256Hex(bytes)).toBe(reference(bytes));
    },
  );

  it('hashes only the view it is given, not the rest of its buffer', () => {
    const buffer = new Uint8Array(randomBytes(300));
    const view = buffer.subarray(17, 217);
    expect(sha256Hex(view)).toBe(reference(view));
  });
});
