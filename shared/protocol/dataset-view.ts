// The dataset facts a run's readers need without its config: the network's input and classes
// (parameter and MAC counts) and the per-channel normalization (what an exported model expects).
import { z } from 'zod';
import { InputShapeSchema } from '../architecture/spec.ts';
import { DATASETS, type RunConfig } from '../config/run-config.ts';
import { datasetFacts } from '../dataset/facts.ts';

export const DatasetViewSchema = z.object({
  name: z.enum(DATASETS),
  input: InputShapeSchema,
  classes: z.number().int().min(2),
  /** Per channel, on the 0-1 scale: images are fed as (pixel / 255 - mean) / std. */
  mean: z.array(z.number()),
  std: z.array(z.number()),
});
export type DatasetView = z.infer<typeof DatasetViewSchema>;

export function datasetView(dataset: RunConfig['dataset']): DatasetView {
  const { input, classes, mean, std } = datasetFacts(dataset);
  return { name: dataset.name, input: { ...input }, classes, mean: [...mean], std: [...std] };
}
