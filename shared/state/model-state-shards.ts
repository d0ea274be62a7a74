// A model state as content-addressed shards: the whole state is one tensor bundle, cut into byte
// ranges of at most maxShardBytes (a big tensor spans shards). The manifest names each shard's
// size and SHA-256, so shards can be served from immutable URLs and checked on arrival; the
// version's own hash is taken over the shard hashes, so every byte is hashed once.
import { ArchitectureSpecSchema, type ArchitectureSpec } from '../architecture/spec.ts';
import { fail, ok, parseWith, type Result } from '../result/index.ts';
import { matchStateLayout } from './layout.ts';
import { sha256Hex } from './sha256.ts';
import { decodeTensors, encodeTensors } from './tensor-bundle.ts';
import { encodeUtf8 } from './utf8.ts';
import { copyArchitecture, type ModelState } from './types.ts';

export interface StateManifest {
  architecture: ArchitectureSpec;
  totalBytes: number;
  /** The version's identity: `versionHash` of the shard list. */
  hash: string;
  shards: { index: number; bytes: number; hash: string }[];
}

/** 1 MiB: small enough for one Durable Object storage value and a cheap retry. */
export const DEFAULT_MAX_SHARD_BYTES = 1_048_576;

/** SHA-256 of the shard hashes in order, one per line: each names its shard's bytes, so this names the bundle. */
function versionHash(shards: readonly { hash: string }[]): string {
  return sha256Hex(encodeUtf8(shards.map((shard) => shard.hash).join('\n')));
}

export function encodeModelState(state: ModelState, maxShardBytes = DEFAULT_MAX_SHARD_BYTES): { manifest: StateManifest; shards: Uint8Array[] } {
  if (!Number.isSafeInteger(maxShardBytes) || maxShardBytes < 1) {
    throw new Error(`encodeModelState: maxShardBytes should be a positive integer, got ${maxShardBytes}`);
  }
  const bundle = encodeTensors(state.tensors);
  const shards: Uint8Array[] = [];
  // Views of one bundle, so a state costs its bytes once more, not twice: storage copies each shard
  // as it writes it; a caller that transfers one alone slices it first.
  for (let start = 0; start < bundle.length; start += maxShardBytes) shards.push(bundle.subarray(start, start + maxShardBytes));
  const hashed = shards.map((shard, index) => ({ index, bytes: shard.length, hash: sha256Hex(shard) }));
  const manifest: StateManifest = { architecture: copyArchitecture(state.architecture), totalBytes: bundle.length, hash: versionHash(hashed), shards: hashed };
  return { manifest, shards };
}

export function decodeModelState(manifest: StateManifest, shards: Uint8Array[]): Result<ModelState> {
  const architecture = parseWith(ArchitectureSpecSchema, manifest.architecture, 'decodeModelState: manifest architecture is invalid');
  if (!architecture.ok) return architecture;
  if (shards.length !== manifest.shards.length) {
    return fail(`decodeModelState: manifest lists ${manifest.shards.length} shards, got ${shards.length}`);
  }
  let totalBytes = 0;
  for (const [position, expected] of manifest.shards.entries()) {
    const shard = shards[position]!;
    if (expected.index !== position) {
      return fail(`decodeModelState: manifest shard at position ${position} has index ${expected.index}`);
    }
    if (shard.length !== expected.bytes) {
      return fail(`decodeModelState: shard ${position} should be ${expected.bytes} bytes, got ${shard.length}`);
    }
    const hash = sha256Hex(shard);
    if (hash !== expected.hash) {
      return fail(`decodeModelState: shard ${position} should hash to ${expected.hash}, got ${hash}`);
    }
    totalBytes += shard.length;
  }
  if (totalBytes !== manifest.totalBytes) {
    return fail(`decodeModelState: manifest says ${manifest.totalBytes} bytes in all, its shards add up to ${totalBytes}`);
  }
  const hash = versionHash(manifest.shards);
  if (hash !== manifest.hash) {
    return fail(`decodeModelState: the shard hashes should hash to ${manifest.hash}, got ${hash}`);
  }
  const bundle = new Uint8Array(totalBytes);
  let offset = 0;
  for (const shard of shards) {
    bundle.set(shard, offset);
    offset += shard.length;
  }
  const decoded = decodeTensors(bundle);
  if (!decoded.ok) return fail(`decodeModelState: ${decoded.error}`);
  const matched = matchStateLayout(architecture.value, decoded.value);
  if (!matched.ok) return fail(`decodeModelState: ${matched.error}`);
  return ok({ architecture: architecture.value, tensors: matched.value });
}
