// What the data side hands the engine: decoded shards and normalized mini-batches.
import type { InputShape } from '../../shared/architecture/spec.ts';
import type { Result } from '../../shared/result/index.ts';

/** A decoded data shard: raw pixels NHWC, one label per image. */
export interface ShardData {
  input: InputShape;
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

/** One mini-batch ready for the engine: x is NHWC float32, already normalized (and augmented). */
export interface Batch {
  x: Float32Array;
  y: Int32Array;
  size: number;
  input: InputShape;
}

/** A whole file (or set of files) decoded into one ShardData, or why it could not be. */
export type ParsedSet = Result<ShardData>;
