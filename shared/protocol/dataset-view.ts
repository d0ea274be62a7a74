// The dataset facts a run's readers need without its config: the network's input and classes
// (parameter and MAC counts) and the per-channel normalization (what an exported model expects).
import type { InputShape } from '../architecture/spec.ts';
import type { DatasetName, RunConfig } from '../config/run-config.ts';
import { datasetFacts } from '../dataset/facts.ts';

export interface DatasetView {
  name: DatasetName;
  input: InputShape;
  classes: number;
  /** Per channel, on the 0-1 scale: images are fed as (pixel / 255 - mean) / std. */
  mean: number[];
  std: number[];
}

export function datasetView(dataset: RunConfig['dataset']): DatasetView {
  const { input, classes, mean, std } = datasetFacts(dataset);
  return { name: dataset.name, input: { ...input }, classes, mean: [...mean], std: [...std] };
}
