// The shard file served next to the client page: 'AGSH', u32 version, u32 header length, a JSON
// header, then the images (uint8 NHWC) and labels (uint8). Integers are little-endian.
import { z } from 'zod';
import { InputShapeSchema } from '../../shared/architecture/spec.ts';
import type { ShardRef, SplitName } from '../../shared/dataset/layout.ts';
import { issuesMessage, type Result } from '../../shared/result/index.ts';
import type { ShardData } from './batch.ts';

const MAGIC = 'AGSH';
export const SHARD_FILE_VERSION = 1;
const PREFIX_BYTES = 12;

const HeaderSchema = z.object({
  split: z.enum(['train', 'val', 'test']),
  index: z.number().int().min(0),
  count: z.number().int().min(0),
  input: InputShapeSchema,
  layoutKey: z.string().min(1),
});

export type ShardFileData = ShardData & { split: SplitName; index: number; layoutKey: string };
export type ShardDecode = Result<ShardFileData>;

export function encodeShard(shard: ShardFileData): Uint8Array {
  const { split, index, count, input, layoutKey } = shard;
  const imageBytes = count * input.height * input.width * input.channels;
  if (shard.images.length !== imageBytes || shard.labels.length !== count) {
    throw new Error(`encodeShard: expected ${imageBytes} image bytes and ${count} labels, got ${shard.images.length} and ${shard.labels.length}`);
  }
  const header = new TextEncoder().encode(JSON.stringify({ split, index, count, input, layoutKey }));
  const bytes = new Uint8Array(PREFIX_BYTES + header.length + imageBytes + count);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, SHARD_FILE_VERSION, true);
  view.setUint32(8, header.length, true);
  bytes.set(header, PREFIX_BYTES);
  bytes.set(shard.images, PREFIX_BYTES + header.length);
  bytes.set(shard.labels, PREFIX_BYTES + header.length + imageBytes);
  return bytes;
}

/** Decodes a shard file; with `expected`, also checks it is that shard of that layout. */
export function decodeShard(bytes: Uint8Array, expected?: ShardRef & { layoutKey: string }): ShardDecode {
  if (bytes.length < PREFIX_BYTES) return { ok: false, error: `decodeShard: truncated file, expected at least ${PREFIX_BYTES} bytes, got ${bytes.length}` };
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MAGIC) return { ok: false, error: `decodeShard: wrong magic, expected "${MAGIC}", got ${JSON.stringify(magic)}` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== SHARD_FILE_VERSION) return { ok: false, error: `decodeShard: unsupported version, expected ${SHARD_FILE_VERSION}, got ${version}` };
  const headerLength = view.getUint32(8, true);
  if (PREFIX_BYTES + headerLength > bytes.length) {
    return { ok: false, error: `decodeShard: truncated file, header of ${headerLength} bytes does not fit in ${bytes.length} bytes` };
  }
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength));
  if (!header.ok) return header;
  const { split, index, count, input, layoutKey } = header.value;
  const imageBytes = count * input.height * input.width * input.channels;
  const bodyStart = PREFIX_BYTES + headerLength;
  if (bytes.length !== bodyStart + imageBytes + count) {
    return { ok: false, error: `decodeShard: expected ${imageBytes + count} bytes of images and labels for ${count} images, got ${bytes.length - bodyStart}` };
  }
  if (expected) {
    const got = `${split} shard ${index} (${count} images) of layout ${layoutKey}`;
    const want = `${expected.split} shard ${expected.index} (${expected.count} images) of layout ${expected.layoutKey}`;
    if (got !== want) return { ok: false, error: `decodeShard: expected ${want}, got ${got}` };
  }
  return {
    ok: true,
    value: {
      split, index, count, input, layoutKey,
      images: bytes.subarray(bodyStart, bodyStart + imageBytes),
      labels: bytes.subarray(bodyStart + imageBytes),
    },
  };
}

function parseHeader(bytes: Uint8Array): Result<z.infer<typeof HeaderSchema>> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, error: `decodeShard: header is not UTF-8 JSON: ${(error as Error).message}` };
  }
  const parsed = HeaderSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `decodeShard: bad header: ${issuesMessage(parsed.error, '(header)')}` };
}
