// Flat deltas: the layout a delta covers, its wire encodings, and the volunteer's error feedback.
export { addFlatInPlace, addFlatInto, carryOverFlat, deltaLayout, flatDifference, flattenTensors, isNetworkTensor, layoutKey, type DeltaLayout } from './delta-layout.ts';
export { decodeDelta, decodeDeltaRange, DELTA_ENCODINGS, encodeDelta, encodedDeltaBytes, type DeltaEncoding } from './codec.ts';
export { ErrorFeedback } from './error-feedback.ts';
export { INT2_BLOCK } from './int2-codec.ts';
export { INT8_BLOCK } from './int8-codec.ts';
export { chunkedDeltaBytes, chunkRange, chunkSpans, decodeChunkedDelta, decodeDeltaChunk, DELTA_CHUNK, deltaChunks, encodeChunkedDelta } from './chunked-delta.ts';
