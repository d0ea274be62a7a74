// The model state every side passes around: named, shaped float32 tensors. It holds the
// weights, the BN running statistics and the SGD momentum buffers (see momentumName).
import type { ArchitectureSpec } from '../architecture/spec.ts';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface ModelState {
  architecture: ArchitectureSpec;
  /** Forward order of tensorSpecs(architecture), then each trainable tensor's momentum buffer. */
  tensors: NamedTensor[];
}

/** The SGD momentum buffer of a trainable tensor is stored in the state under this name. */
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
