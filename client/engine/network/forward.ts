// The network's forward pass, read off the architecture plan: named parameters in, logits out.
// Training mode normalizes with batch statistics and reports them for the running averages.
import type * as tf from '@tensorflow/tfjs-core';
import type { ConvBnUnit, NetworkPlan } from '../../../shared/architecture/plan.ts';
import { batchNormTrain, convBatchNormEval, type NormOptions } from '../ops/batch-norm.ts';
import { conv2d } from '../ops/conv.ts';
import { denseHead } from '../ops/head.ts';
import { stemMaxPool } from '../ops/max-pool.ts';

/** Looks a named tensor up (weights `conv.w`, `bn.gamma`, `bn.beta`, `bn.mean`, `bn.var`, head). */
export type ParamLookup = (name: string) => tf.Tensor;

export interface ForwardOptions {
  training: boolean;
  /** Training mode: each BN's batch mean and biased variance, and how many values they cover. */
  onBatchStats?: (bn: string, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number) => void;
  /** Training mode: false skips every conv filter gradient (AdamInit trains only BN parameters). */
  filterGradients?: boolean;
}

export function forward(plan: NetworkPlan, param: ParamLookup, x: tf.Tensor4D, options: ForwardOptions): tf.Tensor2D {
  const { stem } = plan;
  if (x.rank !== 4 || x.shape[1] !== stem.inSize[0] || x.shape[2] !== stem.inSize[1] || x.shape[3] !== stem.inChannels) {
    throw new Error(`forward: expected input [N,${stem.inSize[0]},${stem.inSize[1]},${stem.inChannels}], got [${x.shape}]`);
  }
  const { training } = options;
  const filterGradients = training && options.filterGradients !== false;

  const unit = (u: ConvBnUnit, input: tf.Tensor4D, inputGradient: boolean, norm: NormOptions): tf.Tensor4D => {
    if (!training) {
      const stats = { gamma: param(`${u.bn}.gamma`), beta: param(`${u.bn}.beta`), mean: param(`${u.bn}.mean`), variance: param(`${u.bn}.var`) } as Record<'gamma' | 'beta' | 'mean' | 'variance', tf.Tensor1D>;
      return convBatchNormEval(input, param(`${u.conv}.w`) as tf.Tensor4D, u.stride, stats, norm);
    }
    const z = conv2d(input, param(`${u.conv}.w`) as tf.Tensor4D, u.stride, { input: training && inputGradient, filter: filterGradients });
    const gamma = param(`${u.bn}.gamma`) as tf.Tensor1D;
    const beta = param(`${u.bn}.beta`) as tf.Tensor1D;
    const { y, mean, variance } = batchNormTrain(z, gamma, beta, norm);
    options.onBatchStats?.(u.bn, mean, variance, z.size / z.shape[3]);
    return y;
  };

  // The image needs no gradient, so the stem's input gradient is never computed.
  let h = unit(stem, x, false, { relu: stem.relu });
  if (plan.stemPool) h = stemMaxPool(h, training);
  for (const block of plan.blocks) {
    const shortcut = !block.residual ? undefined : block.shortcut ? unit(block.shortcut, h, true, { relu: false }) : h;
    let y = h;
    block.body.forEach((u, i) => {
      const closesBlock = shortcut && i === block.body.length - 1;
      y = unit(u, y, true, closesBlock ? { relu: true, residual: shortcut } : { relu: u.relu });
    });
    h = y;
  }
  return denseHead(h, param(plan.head.weight) as tf.Tensor2D, param(plan.head.bias) as tf.Tensor1D);
}
