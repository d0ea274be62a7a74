// The full architecture spec behind a RunProgress, and its counts. Progress names family, depths
// and widths; input shape and classes come from the run's dataset (config) or a state manifest.
import { multiplyAccumulates, parameterCount } from '../architecture/parameters.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import type { RunConfig } from '../config/run-config.ts';
import { datasetFacts } from '../dataset/facts.ts';
import type { RunProgress } from '../protocol/progress.ts';

/** What a run's architecture does not change while it grows. */
export type NetworkShape = Pick<ArchitectureSpec, 'input' | 'classes'>;

export interface ArchitectureCounts {
  parameters: number;
  multiplyAccumulates: number;
}

export function configNetworkShape(config: RunConfig): NetworkShape {
  const facts = datasetFacts(config.dataset);
  return { input: { ...facts.input }, classes: facts.classes };
}

export function progressArchitecture(progress: Pick<RunProgress, 'architecture'>, shape: NetworkShape): ArchitectureSpec {
  const { family, depths, widths } = progress.architecture;
  return { family: family as ArchitectureSpec['family'], depths: [...depths], widths: [...widths], input: { ...shape.input }, classes: shape.classes };
}

export function architectureCounts(spec: ArchitectureSpec): ArchitectureCounts {
  return { parameters: parameterCount(spec), multiplyAccumulates: multiplyAccumulates(spec) };
}
