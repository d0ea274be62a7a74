// The model state every side passes around: named, shaped float32 tensors. A run's state holds
// the weights and the BN running statistics; a volunteer's trainer adds its SGD momentum buffers.
import type { ArchitectureSpec } from '../architecture/spec.ts';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface ModelState {
  architecture: ArchitectureSpec;
  /** Forward order of tensorSpecs(architecture); in a trainer, then each trainable tensor's momentum buffer. */
  tensors: NamedTensor[];
}

/** A trainer keeps the SGD momentum buffer of a trainable tensor under this name. */
export function momentumName(name: string): string {
  return `${name}#momentum`;
}

export function isMomentumName(name: string): boolean {
  return name.endsWith('#momentum');
}

/** A deep copy, so a state never shares its architecture's arrays with another. */
export function copyArchitecture(architecture: ArchitectureSpec): ArchitectureSpec {
  return { ...architecture, depths: [...architecture.depths], widths: [...architecture.widths], input: { ...architecture.input } };
}
