// The manifest the prepare step writes beside a layout's shard files: the layout it cut and
// each shard's path, byte size and SHA-256, so a reader can tell stale or damaged files.
import { z } from 'zod';
import { InputShapeSchema } from '../architecture/spec.ts';
import { issuesMessage, type Result } from '../result/index.ts';
import type { DatasetLayout, ShardRef } from './layout.ts';

export const DATASET_MANIFEST_FORMAT = 1;

const ShardRefSchema = z.object({ split: z.enum(['train', 'val', 'test']), index: z.number().int().min(0), count: z.number().int().min(1) });

const DatasetLayoutSchema = z.object({
  key: z.string().regex(/^[a-z0-9.-]+$/),
  facts: z.object({
    input: InputShapeSchema,
    classes: z.number().int().min(2),
    trainSize: z.number().int().min(1),
    testSize: z.number().int().min(1),
    augment: z.boolean(),
    mean: z.array(z.number()),
    std: z.array(z.number().positive()),
  }),
  train: z.array(ShardRefSchema),
  val: z.array(ShardRefSchema),
  test: z.array(ShardRefSchema),
});

const ShardEntrySchema = ShardRefSchema.extend({
  path: z.string().min(1),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const DatasetManifestSchema = z.object({
  format: z.literal(DATASET_MANIFEST_FORMAT),
  layout: DatasetLayoutSchema,
  shards: z.array(ShardEntrySchema),
});

export type ShardEntry = ShardRef & z.infer<typeof ShardEntrySchema>;
export interface DatasetManifest {
  format: typeof DATASET_MANIFEST_FORMAT;
  layout: DatasetLayout;
  shards: ShardEntry[];
}

export type ManifestParse = Result<DatasetManifest>;

export function parseDatasetManifest(input: unknown): ManifestParse {
  const result = DatasetManifestSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: `parseDatasetManifest: ${issuesMessage(result.error, '(manifest)')}` };
}
