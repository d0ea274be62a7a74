// The data side of the client, safe in browsers and Node: file formats, shards, batches.
// Node-only loaders and the prepare step are exported from ./index-node.ts.
export type { Batch, ParsedSet, ShardData } from './batch.ts';
export { AUGMENT_PADDING, augmentImage } from './augment.ts';
export { shardBatches, type BatchOptions } from './batches.ts';
export { parseCifar } from './cifar.ts';
export { datasetSource, type DatasetFiles, type DatasetSource, type SourceOpen } from './dataset-source.ts';
export { parseIdxImages, parseIdxLabels, parseIdxSet } from './idx.ts';
export { readMat, type Inflate, type MatArray, type MatData } from './mat-v5.ts';
export { decodeShard, encodeShard, SHARD_FILE_VERSION, type ShardDecode, type ShardFileData } from './shard-file.ts';
export { parseSvhn } from './svhn.ts';
export { syntheticSets, type SyntheticParams, type SyntheticSets } from './synthetic.ts';
