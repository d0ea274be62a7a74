// Checks a ModelState against its architecture and lays out the trainer's tensors: the given order
// first, then zero momentum buffers for trainable tensors that arrived without one.
import { lastBatchNorm, type NetworkPlan } from '../../shared/architecture/plan.ts';
import { tensorSize, tensorSpecs } from '../../shared/architecture/parameters.ts';
import { momentumName, type ModelState } from '../../shared/state/types.ts';
import { adamMomentName, ADAM_STEP } from './optim/adam.ts';

export interface TensorSlot {
  name: string;
  shape: number[];
  trainable: boolean;
  initial: Float32Array;
  /** Trainable tensors: the name of their SGD momentum buffer. */
  momentum?: string;
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export function stateLayout(state: ModelState): TensorSlot[] {
  const specs = tensorSpecs(state.architecture);
  const expected = new Map<string, { shape: number[]; trainable: boolean }>();
  for (const spec of specs) {
    expected.set(spec.name, { shape: spec.shape, trainable: spec.trainable });
    if (!spec.trainable) continue;
    for (const extra of [momentumName(spec.name), adamMomentName(spec.name, 'm'), adamMomentName(spec.name, 'v')]) expected.set(extra, { shape: spec.shape, trainable: false });
  }
  expected.set(ADAM_STEP, { shape: [1], trainable: false });

  const slots: TensorSlot[] = [];
  const seen = new Set<string>();
  for (const tensor of state.tensors) {
    const want = expected.get(tensor.name);
    if (!want) throw new Error(`stateLayout: tensor ${tensor.name} does not belong to this architecture`);
    if (seen.has(tensor.name)) throw new Error(`stateLayout: tensor ${tensor.name} appears twice`);
    if (!sameShape(tensor.shape, want.shape) || tensor.data.length !== tensorSize(want.shape)) {
      throw new Error(`stateLayout: tensor ${tensor.name} should be [${want.shape}] (${tensorSize(want.shape)} values), got [${tensor.shape}] with ${tensor.data.length} values`);
    }
    seen.add(tensor.name);
    slots.push({ name: tensor.name, shape: [...want.shape], trainable: want.trainable, initial: tensor.data });
  }
  const missing = specs.filter((s) => !seen.has(s.name)).map((s) => s.name);
  if (missing.length) throw new Error(`stateLayout: the state lacks ${missing.length} tensors of its architecture: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`);
  for (const spec of specs.filter((s) => s.trainable && !seen.has(momentumName(s.name)))) {
    slots.push({ name: momentumName(spec.name), shape: [...spec.shape], trainable: false, initial: new Float32Array(tensorSize(spec.shape)) });
  }
  for (const slot of slots) if (slot.trainable) slot.momentum = momentumName(slot.name);
  return slots;
}

/** AdamInit's parameters: gamma and beta of the last BN of each listed stage's newest block. */
export function adamTargets(plan: NetworkPlan, stages: number[]): { name: string; shape: number[] }[] {
  return stages.flatMap((stage) => {
    const newest = plan.blocks.filter((b) => b.stage === stage).at(-1);
    if (!newest) throw new Error(`adamTargets: stage ${stage} has no block (the network has ${new Set(plan.blocks.map((b) => b.stage)).size} stages)`);
    const bn = lastBatchNorm(newest);
    const channels = newest.body[newest.body.length - 1]!.outChannels;
    return [`${bn}.gamma`, `${bn}.beta`].map((name) => ({ name, shape: [channels] }));
  });
}
