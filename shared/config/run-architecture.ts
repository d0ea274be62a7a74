// The network a run trains at given stage depths: family and widths from the config, input
// shape and classes from the dataset.
import type { ArchitectureSpec } from '../architecture/spec.ts';
import type { DatasetFacts } from '../dataset/facts.ts';
import type { RunConfig } from './run-config.ts';

export function runArchitecture(config: Pick<RunConfig, 'architecture'>, facts: DatasetFacts, depths: readonly number[]): ArchitectureSpec {
  return {
    family: config.architecture.family,
    depths: [...depths],
    widths: [...config.architecture.widths],
    input: { ...facts.input },
    classes: facts.classes,
  };
}
