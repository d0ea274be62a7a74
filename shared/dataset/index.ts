// Datasets as the coordinator sees them: facts, the shard layout, epoch plans, manifests.
export { DATASET_FACTS, datasetFacts, type DatasetFacts } from './facts.ts';
export { datasetLayout, shardPath, shardRange, splitImageIndices, type DatasetLayout, type ShardRef, type SplitName } from './layout.ts';
export { epochOrder, trainTaskSeed } from './epoch-plan.ts';
export { DATASET_MANIFEST_FORMAT, DatasetManifestSchema, parseDatasetManifest, type DatasetManifest, type ShardEntry } from './manifest.ts';
export { SYNTHETIC_RECIPE, syntheticNormalization } from './synthetic-recipe.ts';
