// The full architecture spec behind a RunProgress, and its counts: progress names the family,
// depths and widths, and its dataset the input shape and classes.
import { multiplyAccumulates, parameterCount } from '../architecture/parameters.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import type { RunProgress } from '../protocol/progress.ts';

export interface ArchitectureCounts {
  parameters: number;
  multiplyAccumulates: number;
}

export function progressArchitecture(progress: Pick<RunProgress, 'architecture' | 'dataset'>): ArchitectureSpec {
  const { family, depths, widths } = progress.architecture;
  const { input, classes } = progress.dataset;
  return { family: family as ArchitectureSpec['family'], depths: [...depths], widths: [...widths], input: { ...input }, classes };
}

export function architectureCounts(spec: ArchitectureSpec): ArchitectureCounts {
  return { parameters: parameterCount(spec), multiplyAccumulates: multiplyAccumulates(spec) };
}
