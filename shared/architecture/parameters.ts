// Named tensors of a network: trainable parameters and BN running statistics, and the counts
// the paper and dashboard quote (parameters, multiply-accumulates per image).
import { blockUnits, networkPlan, type ConvBnUnit, type NetworkPlan } from './plan.ts';
import type { ArchitectureSpec } from './spec.ts';

export type TensorRole = 'conv' | 'bn-gamma' | 'bn-beta' | 'bn-mean' | 'bn-var' | 'dense-weight' | 'dense-bias';

export interface TensorSpec {
  name: string;
  shape: number[];
  role: TensorRole;
  /** Trainable tensors get gradients and momentum; BN running statistics do not. */
  trainable: boolean;
}

/** Conv filters are [kernelH, kernelW, inChannels, outChannels] (tfjs layout, NHWC activations). */
function unitTensors(unit: ConvBnUnit): TensorSpec[] {
  const c = unit.outChannels;
  return [
    { name: `${unit.conv}.w`, shape: [unit.kernel, unit.kernel, unit.inChannels, c], role: 'conv', trainable: true },
    { name: `${unit.bn}.gamma`, shape: [c], role: 'bn-gamma', trainable: true },
    { name: `${unit.bn}.beta`, shape: [c], role: 'bn-beta', trainable: true },
    { name: `${unit.bn}.mean`, shape: [c], role: 'bn-mean', trainable: false },
    { name: `${unit.bn}.var`, shape: [c], role: 'bn-var', trainable: false },
  ];
}

export function planUnits(plan: NetworkPlan): ConvBnUnit[] {
  return [plan.stem, ...plan.blocks.flatMap(blockUnits)];
}

/** Every named tensor of the network, in forward order. Names never change when a block is appended. */
export function tensorSpecs(spec: ArchitectureSpec): TensorSpec[] {
  const plan = networkPlan(spec);
  return [
    ...planUnits(plan).flatMap(unitTensors),
    { name: plan.head.weight, shape: [plan.head.inFeatures, plan.head.classes], role: 'dense-weight', trainable: true },
    { name: plan.head.bias, shape: [plan.head.classes], role: 'dense-bias', trainable: true },
  ];
}

export const tensorSize = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Trainable parameters, as frameworks count them (BN running statistics excluded). */
export function parameterCount(spec: ArchitectureSpec): number {
  return tensorSpecs(spec)
    .filter((t) => t.trainable)
    .reduce((sum, t) => sum + tensorSize(t.shape), 0);
}

/** Multiply-accumulates of one forward pass of one image (convolutions and the dense head). */
export function multiplyAccumulates(spec: ArchitectureSpec): number {
  const plan = networkPlan(spec);
  const convMacs = planUnits(plan).reduce(
    (sum, u) => sum + u.outSize[0] * u.outSize[1] * u.kernel * u.kernel * u.inChannels * u.outChannels,
    0,
  );
  return convMacs + plan.head.inFeatures * plan.head.classes;
}
