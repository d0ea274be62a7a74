// `npm run bench:sha256`: MB/s of the SHA-256 that content-addresses state shards, beside
// node:crypto's native one, and of encoding / decoding a ResNet-20 state (which hash every byte).
// `-- --compare FILE` adds a row for another module's sha256Hex (e.g. an earlier version's).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArchitectureSpec } from '../../shared/architecture/spec.ts';
import { initialModelState } from '../../shared/init/index.ts';
import { decodeModelState, encodeModelState, sha256Hex } from '../../shared/state/index.ts';

const RESNET20: ArchitectureSpec = { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
const MESSAGE_BYTES = 16 * 1_048_576;
const WARMUP = 2;
const TIMED = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median MB/s (10^6 bytes per second) of `work` over `bytes` bytes. */
function megabytesPerSecond(bytes: number, work: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) work();
  const rates: number[] = [];
  for (let i = 0; i < TIMED; i++) {
    const started = performance.now();
    work();
    rates.push(bytes / 1e6 / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

const { values } = parseArgs({ options: { compare: { type: 'string' } } });
const message = new Uint8Array(MESSAGE_BYTES).map((_, i) => (i * 2654435761) >>> 24);
const rows: [string, number][] = [];
if (values.compare) {
  const other = (await import(resolve(values.compare))) as { sha256Hex: (bytes: Uint8Array) => string };
  if (other.sha256Hex(message) !== sha256Hex(message)) throw new Error(`${values.compare}: its sha256Hex disagrees with shared/state's`);
  rows.push([`sha256Hex of ${values.compare}`, megabytesPerSecond(MESSAGE_BYTES, () => other.sha256Hex(message))]);
}
rows.push(['sha256Hex (shared/state)', megabytesPerSecond(MESSAGE_BYTES, () => sha256Hex(message))]);
rows.push(['node:crypto createHash (native)', megabytesPerSecond(MESSAGE_BYTES, () => createHash('sha256').update(message).digest('hex'))]);

const state = initialModelState(RESNET20, 1);
const { manifest, shards } = encodeModelState(state);
rows.push([`encodeModelState, ResNet-20 state (${(manifest.totalBytes / 1e6).toFixed(1)} MB)`, megabytesPerSecond(manifest.totalBytes, () => encodeModelState(state))]);
rows.push([`decodeModelState, ResNet-20 state (${(manifest.totalBytes / 1e6).toFixed(1)} MB)`, megabytesPerSecond(manifest.totalBytes, () => decodeModelState(manifest, shards))]);

console.log(`SHA-256 over ${MESSAGE_BYTES / 1_048_576} MiB, median of ${TIMED} runs`);
for (const [name, rate] of rows) console.log(`${name.padEnd(64)} ${rate.toFixed(1).padStart(8)} MB/s`);
