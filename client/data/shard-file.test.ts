import { describe, expect, it } from 'vitest';
import { decodeShard, encodeShard, type ShardFileData } from './shard-file.ts';

const shard: ShardFileData = {
  split: 'val', index: 2, count: 3, layoutKey: 'mnist-n100-v0.1-s3',
  input: { height: 8, width: 8, channels: 1 },
  images: Uint8Array.from({ length: 3 * 64 }, (_, i) => i),
  labels: Uint8Array.from([4, 0, 9]),
};
const expected = { split: 'val' as const, index: 2, count: 3, layoutKey: 'mnist-n100-v0.1-s3' };

describe('shard files', () => {
  it('round-trip images, labels and header, starting with the magic AGSH', () => {
    const bytes = encodeShard(shard);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('AGSH');
    expect(decodeShard(bytes, expected)).toEqual({ ok: true, value: shard });
  });

  it('decode a file that sits at an offset in a larger buffer', () => {
    const bytes = encodeShard(shard);
    const outer = new Uint8Array(bytes.length + 5);
    outer.set(bytes, 5);
    expect(decodeShard(outer.subarray(5))).toEqual({ ok: true, value: shard });
  });

  it('refuse a wrong magic, a truncated file and a wrong version', () => {
    const bytes = encodeShard(shard);
    const wrong = bytes.slice();
    wrong[0] = 0x58;
    expect(decodeShard(wrong)).toEqual({ ok: false, error: 'decodeShard: wrong magic, expected "AGSH", got "XGSH"' });
    expect(decodeShard(bytes.subarray(0, bytes.length - 1))).toMatchObject({ ok: false, error: expect.stringMatching(/expected 195 bytes of images and labels for 3 images, got 194/) });
    expect(decodeShard(bytes.subarray(0, 20))).toMatchObject({ ok: false, error: expect.stringMatching(/truncated file, header of \d+ bytes does not fit/) });
    const future = bytes.slice();
    future[4] = 2;
    expect(decodeShard(future)).toEqual({ ok: false, error: 'decodeShard: unsupported version, expected 1, got 2' });
  });

  it('refuse a header that is not the expected shard', () => {
    const decoded = decodeShard(encodeShard(shard), { ...expected, index: 3 });
    expect(decoded).toEqual({
      ok: false,
      error: 'decodeShard: expected val shard 3 (3 images) of layout mnist-n100-v0.1-s3, got val shard 2 (3 images) of layout mnist-n100-v0.1-s3',
    });
  });

  it('refuse a malformed header and images of the wrong size', () => {
    const bytes = encodeShard({ ...shard, layoutKey: 'k' });
    bytes[bytes.indexOf(0x22 /* first quote of the JSON */) + 1] = 0x78;
    expect(decodeShard(bytes)).toMatchObject({ ok: false, error: expect.stringMatching(/^decodeShard: bad header: /) });
    expect(() => encodeShard({ ...shard, count: 4 })).toThrow(/expected 256 image bytes and 4 labels, got 192 and 3/);
  });
});
