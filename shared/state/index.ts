// Model state: named tensors, their binary bundle, content-addressed shards and SHA-256.
export * from './types.ts';
export { sha256Hex } from './sha256.ts';
export { decodeUtf8, encodeUtf8 } from './utf8.ts';
export { decodeTensors, encodeTensors, type TensorsDecode } from './tensor-bundle.ts';
export {
  decodeModelState,
  DEFAULT_MAX_SHARD_BYTES,
  encodeModelState,
  type StateManifest,
} from './model-state-shards.ts';
export { matchStateLayout, stateLayout, type LayoutCheck, type StateEntry } from './layout.ts';
