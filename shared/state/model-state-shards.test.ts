import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import { initialModelState } from '../init/initial-state.ts';
import { decodeModelState, encodeModelState, type StateManifest } from './model-state-shards.ts';
import { encodeTensors } from './tensor-bundle.ts';
import type { ModelState } from './types.ts';

const cifar = { height: 32, width: 32, channels: 3 };
const small: ArchitectureSpec = { family: 'Basic3ResNet', depths: [1, 2, 1], widths: [4, 8, 8], input: cifar, classes: 10 };
const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The first difference between two states (names, shapes, then float bits), or null. */
function firstDifference(a: ModelState, b: ModelState): string | null {
  if (a.tensors.length !== b.tensors.length) return `${a.tensors.length} vs ${b.tensors.length} tensors`;
  for (const [i, t] of a.tensors.entries()) {
    const other = b.tensors[i]!;
    if (t.name !== other.name || t.shape.join() !== other.shape.join()) return `tensor ${i}: ${t.name} [${t.shape}] vs ${other.name} [${other.shape}]`;
    const x = new Uint32Array(t.data.slice().buffer);
    const y = new Uint32Array(other.data.slice().buffer);
    const j = x.findIndex((v, k) => v !== y[k]);
    if (j >= 0 || x.length !== y.length) return `${t.name}[${j}]`;
  }
  return null;
}
const concat = (shards: Uint8Array[]) => Uint8Array.from(shards.flatMap((s) => Array.from(s)));
/** The version hash by its definition: SHA-256 of the shard hashes, one per line. */
const nodeVersionHash = (shards: Uint8Array[]) => createHash('sha256').update(shards.map(nodeSha).join('\n')).digest('hex');

function expectRefusal(manifest: StateManifest, shards: Uint8Array[], message: string): void {
  const decoded = decodeModelState(manifest, shards);
  expect(decoded.ok).toBe(false);
  if (!decoded.ok) expect(decoded.error).toContain(message);
}

describe('encodeModelState', () => {
  const state = initialModelState(small, 1);
  const { manifest, shards } = encodeModelState(state, 1000);

  it('cuts the one bundle into shards of at most maxShardBytes, hashed like node:crypto hashes them', () => {
    const bundle = encodeTensors(state.tensors);
    expect(shards.length).toBe(Math.ceil(bundle.length / 1000));
    expect(shards.slice(0, -1).every((s) => s.length === 1000)).toBe(true);
    expect(Array.from(concat(shards))).toEqual(Array.from(bundle));
    expect(manifest.totalBytes).toBe(bundle.length);
    expect(manifest.hash).toBe(nodeVersionHash(shards));
    expect(manifest.shards).toEqual(shards.map((s, index) => ({ index, bytes: s.length, hash: nodeSha(s) })));
    expect(manifest.architecture).toEqual(small);
  });

  it('cuts one bundle into views, each starting where the one before ends: no second copy of the state', () => {
    const buffer = shards[0]!.buffer;
    let offset = 0;
    for (const s of shards) {
      expect(s.buffer).toBe(buffer);
      expect(s.byteOffset).toBe(offset);
      offset += s.length;
    }
  });

  it('throws on a shard size that is not a positive integer (a bug)', () => {
    expect(() => encodeModelState(state, 0)).toThrow('maxShardBytes should be a positive integer, got 0');
  });
});

describe('decodeModelState', () => {
  it('round-trips a state bit for bit', () => {
    const state = initialModelState(small, 2);
    const { manifest, shards } = encodeModelState(state, 777);
    const decoded = decodeModelState(manifest, shards);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.architecture).toEqual(small);
    expect(firstDifference(decoded.value, state)).toBeNull();
  });

  it('spans a tensor larger than the default 1 MiB shard over several shards (a 3.2 MB head)', () => {
    const wideHead: ArchitectureSpec = { family: 'Plain3Net', depths: [1, 1, 1], widths: [4, 4, 16], input: cifar, classes: 100_000 };
    const state = initialModelState(wideHead, 3);
    const { manifest, shards } = encodeModelState(state);
    expect(shards.length).toBe(Math.ceil(manifest.totalBytes / 1_048_576));
    expect(shards.length).toBeGreaterThanOrEqual(6);
    const decoded = decodeModelState(manifest, shards);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(firstDifference(decoded.value, state)).toBeNull();
  });

  it('returns the layout order even when the encoded state listed its tensors in another order', () => {
    const state = initialModelState(small, 4);
    const { manifest, shards } = encodeModelState({ ...state, tensors: [...state.tensors].reverse() });
    const decoded = decodeModelState(manifest, shards);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.tensors.map((t) => t.name)).toEqual(state.tensors.map((t) => t.name));
  });

  describe('refusals', () => {
    const state = initialModelState(small, 5);
    const { manifest, shards } = encodeModelState(state, 4096);
    const flipped = shards.map((s, i) => (i === 2 ? Uint8Array.from(s, (b, j) => (j === 10 ? b ^ 1 : b)) : s));

    it('a missing shard', () => expectRefusal(manifest, shards.slice(1), `lists ${shards.length} shards, got ${shards.length - 1}`));
    it('a shard of the wrong size', () => expectRefusal(manifest, [shards[0]!.subarray(1), ...shards.slice(1)], 'shard 0 should be 4096 bytes, got 4095'));
    it('a corrupted shard', () => expectRefusal(manifest, flipped, `shard 2 should hash to ${manifest.shards[2]!.hash}`));
    it('shards out of order', () => expectRefusal({ ...manifest, shards: [manifest.shards[1]!, manifest.shards[0]!, ...manifest.shards.slice(2)] }, shards, 'position 0 has index 1'));
    it('a wrong total', () => expectRefusal({ ...manifest, totalBytes: manifest.totalBytes + 1 }, shards, 'its shards add up to'));
    it('a wrong bundle hash', () => expectRefusal({ ...manifest, hash: '0'.repeat(64) }, shards, `should hash to ${'0'.repeat(64)}`));
    it('an invalid architecture', () => expectRefusal({ ...manifest, architecture: { ...small, depths: [1, 1] } }, shards, 'Basic3ResNet has 3 stages, got 2 depths'));
    it('tensors that do not fit the architecture', () => expectRefusal({ ...manifest, architecture: { ...small, depths: [1, 1, 1] } }, shards, 'unexpected s1.b1.conv1.w'));
    it('a bundle that does not decode (hashes intact)', () => {
      const forged = encodeModelState(state, 4096);
      const bad = forged.shards.map((s) => s.slice());
      bad[0]![0] = 0x58;
      const rehashed: StateManifest = {
        ...forged.manifest,
        hash: nodeVersionHash(bad),
        shards: bad.map((s, index) => ({ index, bytes: s.length, hash: nodeSha(s) })),
      };
      expectRefusal(rehashed, bad, 'decodeModelState: decodeTensors: expected the magic "AGT1"');
    });
  });
});
