// The Keras functional graph of a network plan: one layer per conv, BN, ReLU, add and pooling,
// in forward order, and which named state tensor fills each Keras weight.
import type { ConvBnUnit, NetworkPlan } from '../architecture/plan.ts';
import {
  add,
  batchNormalization,
  conv2d,
  dense,
  globalAveragePooling2d,
  inputLayer,
  maxPooling2d,
  relu,
  type KerasLayer,
} from './keras-layers.ts';

/** Softmax gives class probabilities from predict(); logits are what the engine's forward returns. */
export type HeadOutput = 'softmax' | 'logits';

export interface WeightBinding {
  /** The Keras weight, "layer/kernel": what tfjs matches on load. */
  weight: string;
  /** The state tensor that holds its values. */
  tensor: string;
}

export interface KerasGraph {
  layers: KerasLayer[];
  input: string;
  output: string;
  /** In the order the weight file stores them. */
  weights: WeightBinding[];
}

/** Keras layer names: the plan's dotted names with underscores ("s1.b0.conv1" -> "s1_b0_conv1"). */
export const kerasName = (planName: string): string => planName.replaceAll('.', '_');

export function kerasGraph(plan: NetworkPlan, inputShape: [number, number, number], head: HeadOutput): KerasGraph {
  const layers: KerasLayer[] = [inputLayer('input', inputShape)];
  const weights: WeightBinding[] = [];
  const push = (next: KerasLayer): string => {
    layers.push(next);
    return next.name;
  };

  const convBn = (unit: ConvBnUnit, input: string, reluName: string): string => {
    const conv = push(conv2d(kerasName(unit.conv), input, unit.outChannels, unit.kernel, unit.stride));
    const bn = push(batchNormalization(kerasName(unit.bn), conv));
    weights.push(
      { weight: `${conv}/kernel`, tensor: `${unit.conv}.w` },
      { weight: `${bn}/gamma`, tensor: `${unit.bn}.gamma` },
      { weight: `${bn}/beta`, tensor: `${unit.bn}.beta` },
      { weight: `${bn}/moving_mean`, tensor: `${unit.bn}.mean` },
      { weight: `${bn}/moving_variance`, tensor: `${unit.bn}.var` },
    );
    return unit.relu ? push(relu(reluName, bn)) : bn;
  };

  let x = convBn(plan.stem, 'input', 'stem_relu');
  if (plan.stemPool) x = push(maxPooling2d('stem_pool', x, 3, 2));
  for (const block of plan.blocks) {
    const prefix = kerasName(block.prefix);
    const blockInput = x;
    block.body.forEach((unit, i) => {
      x = convBn(unit, x, `${prefix}_relu${i + 1}`);
    });
    if (block.residual) {
      const shortcut = block.shortcut ? convBn(block.shortcut, blockInput, `${prefix}_shortcut_relu`) : blockInput;
      // ResNet v1: ReLU after the sum, so the block's last BN feeds the add un-rectified.
      x = push(relu(`${prefix}_out`, push(add(`${prefix}_add`, [x, shortcut]))));
    }
  }
  const pooled = push(globalAveragePooling2d('pool', x));
  const output = push(dense('head', pooled, plan.head.classes, head === 'softmax' ? 'softmax' : 'linear'));
  weights.push({ weight: `${output}/kernel`, tensor: plan.head.weight }, { weight: `${output}/bias`, tensor: plan.head.bias });
  return { layers, input: 'input', output, weights };
}
