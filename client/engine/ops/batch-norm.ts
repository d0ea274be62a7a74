// Batch norm fused with the residual add and ReLU that follow it, in PyTorch's semantics (eps 1e-5,
// biased variance to normalize), with the closed-form gradient beside the forward.
import * as tf from '@tensorflow/tfjs-core';
import { withGradient } from './custom-gradient.ts';
import { convForwardNormalized } from './conv-paths.ts';
import { normPaths } from './norm-paths.ts';

export const BN_EPSILON = 1e-5;

export interface NormOptions {
  relu: boolean;
  /** Added after normalizing and before the ReLU: the shortcut of a residual block. */
  residual?: tf.Tensor4D;
}

function checkShapes(caller: string, x: tf.Tensor4D, vectors: tf.Tensor[], residual?: tf.Tensor4D): void {
  const channels = x.shape[3];
  const bad = x.rank !== 4 || vectors.some((v) => v.rank !== 1 || v.shape[0] !== channels) || (residual && residual.shape.join() !== x.shape.join());
  if (bad) {
    throw new Error(`${caller}: expected x [N,H,W,C], per-channel vectors [C] and a residual shaped like x, got x [${x.shape}], vectors ${vectors.map((v) => `[${v.shape}]`).join(' ')}, residual ${residual ? `[${residual.shape}]` : 'none'}`);
  }
}

/** Training mode: normalizes with this batch's mean and biased variance, which it also returns. */
export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, { relu, residual }: NormOptions): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  checkShapes('batchNormTrain', x, [gamma, beta], residual);
  const paths = normPaths(x.shape[3]);
  // The statistics are no inputs of the op below: its gradient accounts for their dependence on x.
  const { mean, variance, rstd, scale, shift } = paths.statistics(x, gamma, beta, BN_EPSILON);
  const inputs = residual ? [x, gamma, beta, residual] : [x, gamma, beta];
  const keep = (y: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D] => [x, y, mean, rstd, scale];
  const y = withGradient(inputs, () => paths.apply(x, scale, shift, residual, relu), keep, (dy, [input, output, batchMean, batchRstd, a]) => {
    const reluOutput = relu ? output : null;
    // dx = gamma * rstd / M * (M g - sum(g) - xhat * sum(g * xhat)), written as g a + (x - mean) b + c.
    const { dGamma, dBeta, b, c } = paths.gradient(dy, reluOutput, input, { mean: batchMean, rstd: batchRstd, scale: a });
    const { dx, g } = paths.gradApply(dy, reluOutput, input, { mean: batchMean, a, b, c }, residual !== undefined);
    return g ? [dx, dGamma, dBeta, g] : [dx, dGamma, dBeta];
  });
  return { y, mean, variance };
}

/** PyTorch's BatchNorm2d momentum: running = 0.9 * running + 0.1 * batch. */
export const BN_MOMENTUM = 0.1;

/**
 * The running mean and variance after a training batch whose statistics cover `count` values per
 * channel; the variance they take is the unbiased one, as PyTorch's.
 */
export function updatedRunningStatistics(runningMean: tf.Tensor1D, runningVar: tf.Tensor1D, batch: { mean: tf.Tensor1D; variance: tf.Tensor1D }, count: number): [tf.Tensor1D, tf.Tensor1D] {
  return normPaths(runningMean.shape[0]).running(runningMean, runningVar, batch, count, BN_MOMENTUM);
}

/**
 * Evaluation mode's conv and batch norm as one op (no gradients): the conv's output normalized
 * with the running statistics, plus the residual, through the ReLU; the same values as
 * batchNormEval(conv2d(...)), with one pass over the activations less on wasm.
 */
export function convBatchNormEval(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, stats: { gamma: tf.Tensor1D; beta: tf.Tensor1D; mean: tf.Tensor1D; variance: tf.Tensor1D }, { relu, residual }: NormOptions): tf.Tensor4D {
  const outC = filter.shape[3];
  if (filter.rank !== 4 || x.rank !== 4 || filter.shape[2] !== x.shape[3] || filter.shape[0] !== filter.shape[1]) {
    throw new Error(`convBatchNormEval: expected x [N,H,W,C] and filter [k,k,C,out], got x [${x.shape}], filter [${filter.shape}]`);
  }
  const { gamma, beta, mean, variance } = stats;
  if ([gamma, beta, mean, variance].some((v) => v.rank !== 1 || v.shape[0] !== outC)) throw new Error(`convBatchNormEval: per-channel vectors must be [${outC}]`);
  const paths = normPaths(outC);
  const [scale, shift] = paths.affine(gamma, beta, mean, variance, BN_EPSILON);
  return convForwardNormalized(x, filter, stride, scale, shift, residual, relu);
}

/** Evaluation mode: normalizes with the running statistics. */
export function batchNormEval(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, runningMean: tf.Tensor1D, runningVar: tf.Tensor1D, { relu, residual }: NormOptions): tf.Tensor4D {
  checkShapes('batchNormEval', x, [gamma, beta, runningMean, runningVar], residual);
  const paths = normPaths(x.shape[3]);
  const [scale, shift] = paths.affine(gamma, beta, runningMean, runningVar, BN_EPSILON);
  return paths.apply(x, scale, shift, residual, relu);
}
