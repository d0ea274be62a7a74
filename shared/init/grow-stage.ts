// Growing one sub-module (reference/autogrow-notes.md, "Growing one sub-module"): append a block
// to a stage, keep every existing tensor by name, default-initialize the new block and let the
// AutoGrow initializer set its last BN.
import { lastBatchNorm, networkPlan } from '../architecture/plan.ts';
import type { Initializer } from '../config/run-config.ts';
import { matchStateLayout, stateLayout } from '../state/layout.ts';
import { copyArchitecture, type ModelState, type NamedTensor } from '../state/types.ts';
import { defaultTensorValues, tensorRandom } from './default-init.ts';

/**
 * Gamma and beta of the new block's last BN. AdamInit starts from the identity block like
 * ZeroInit; its Adam phase runs later, in the engine.
 */
function lastBatchNormValues(initializer: Initializer, scale: number, name: string, channels: number, seed: number): Float32Array {
  const values = new Float32Array(channels);
  if (initializer === 'ZeroInit' || initializer === 'AdamInit') return values;
  const random = tensorRandom(seed, name);
  for (let i = 0; i < channels; i++) values[i] = initializer === 'UniInit' ? scale * random.next() : scale * random.normal();
  return values;
}

/**
 * The state with one block appended to `stage`. Old tensors (weights, BN statistics) are copied
 * bit for bit; new tensors get the default init drawn with `seed` (with the run seed, exactly what
 * initialModelState draws for them). Volunteers keep their momentum by name, so a new tensor starts
 * with none. A stage out of range or a state that does not match its architecture is a bug and throws.
 */
export function growStage(state: ModelState, stage: number, initializer: Initializer, scale: number, seed: number): ModelState {
  const depths = state.architecture.depths;
  if (!Number.isInteger(stage) || stage < 0 || stage >= depths.length) {
    throw new Error(`growStage: stage should be an integer in 0..${depths.length - 1}, got ${stage}`);
  }
  const current = matchStateLayout(state.architecture, state.tensors);
  if (!current.ok) throw new Error(`growStage: ${current.error}`);

  const architecture = copyArchitecture(state.architecture);
  architecture.depths[stage] = depths[stage]! + 1;
  const plan = networkPlan(architecture);
  const block = plan.blocks.find((b) => b.stage === stage && b.index === depths[stage])!;
  const existing = new Map(current.value.map((t) => [t.name, t]));

  const tensors: NamedTensor[] = stateLayout(architecture).map((entry) => {
    const kept = existing.get(entry.name);
    const data = kept ? kept.data.slice() : defaultTensorValues(entry.parameter, plan.head.inFeatures, seed);
    return { name: entry.name, shape: [...entry.shape], data };
  });

  // Plain nets keep the default BN: the paper re-initializes only residual blocks.
  if (block.residual) {
    const bn = lastBatchNorm(block);
    for (const tensor of tensors) {
      if (tensor.name === `${bn}.gamma` || tensor.name === `${bn}.beta`) {
        tensor.data = lastBatchNormValues(initializer, scale, tensor.name, tensor.data.length, seed);
      }
    }
  }
  return { architecture, tensors };
}
