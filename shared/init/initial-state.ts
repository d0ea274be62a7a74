// The model state a run starts from: default-initialized network tensors.
import { networkPlan } from '../architecture/plan.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import { stateLayout } from '../state/layout.ts';
import { copyArchitecture, type ModelState, type NamedTensor } from '../state/types.ts';
import { defaultTensorValues } from './default-init.ts';

/**
 * Tensors in stateLayout order. Each random tensor draws from its own stream, derived from the
 * seed and its name (tensorRandom), so the result does not depend on the order of creation.
 */
export function initialModelState(architecture: ArchitectureSpec, seed: number): ModelState {
  const headInFeatures = networkPlan(architecture).head.inFeatures;
  const tensors: NamedTensor[] = stateLayout(architecture).map((entry) => ({
    name: entry.name,
    shape: [...entry.shape],
    data: defaultTensorValues(entry.parameter, headInFeatures, seed),
  }));
  return { architecture: copyArchitecture(architecture), tensors };
}
