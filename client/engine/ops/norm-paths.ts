// The kernels of batch norm, two ways: the engine's WASM kernels (which also do the per-channel
// coefficient arithmetic, in float64), or tfjs ops on any backend. Per-channel vectors broadcast
// along the last axis, so no Tile is ever needed.
import * as tf from '@tensorflow/tfjs-core';
import { NORM_KERNELS, wasmKernelsActive } from '../wasm/index.ts';

/** Training-mode statistics: batch mean, biased variance, and what normalizing with them takes. */
export interface NormStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  /** 1 / sqrt(variance + eps) */
  rstd: tf.Tensor1D;
  /** y = x * scale + shift, with scale = gamma * rstd and shift = beta - mean * scale. */
  scale: tf.Tensor1D;
  shift: tf.Tensor1D;
}

/** What the backward pass needs of dy: the parameter gradients and dx's coefficients b and c. */
export interface NormGradient {
  dGamma: tf.Tensor1D;
  dBeta: tf.Tensor1D;
  b: tf.Tensor1D;
  c: tf.Tensor1D;
}

export interface NormPaths {
  statistics(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): NormStatistics;
  /** Evaluation mode's [scale, shift] from the running statistics: gamma / sqrt(var + eps), beta - mean * scale. */
  affine(gamma: tf.Tensor1D, beta: tf.Tensor1D, mean: tf.Tensor1D, variance: tf.Tensor1D, epsilon: number): [tf.Tensor1D, tf.Tensor1D];
  /** relu?(x * scale + shift + residual?) */
  apply(x: tf.Tensor4D, scale: tf.Tensor1D, shift: tf.Tensor1D, residual: tf.Tensor4D | undefined, relu: boolean): tf.Tensor4D;
  /**
   * From sum(g) and sum(g * (x - mean)) over N, H, W (g = dy masked where the ReLU output y is 0):
   * dGamma = rstd sum(g (x - mean)), dBeta = sum(g), b = -scale rstd dGamma / M, c = -scale sum(g) / M.
   */
  gradient(dy: tf.Tensor4D, y: tf.Tensor4D | null, x: tf.Tensor4D, stats: Pick<NormStatistics, 'mean' | 'rstd' | 'scale'>): NormGradient;
  /** PyTorch's running averages: (1 - m) running + m batch, the variance unbiased (count / (count - 1)). */
  running(runningMean: tf.Tensor1D, runningVar: tf.Tensor1D, batch: Pick<NormStatistics, 'mean' | 'variance'>, count: number, momentum: number): [tf.Tensor1D, tf.Tensor1D];
  /** dx = g * a + (x - mean) * b + c, and g itself when the residual branch needs it. */
  gradApply(dy: tf.Tensor4D, y: tf.Tensor4D | null, x: tf.Tensor4D, coefficients: { mean: tf.Tensor1D; a: tf.Tensor1D; b: tf.Tensor1D; c: tf.Tensor1D }, withMasked: boolean): { dx: tf.Tensor4D; g: tf.Tensor4D | null };
}

const AXES = [0, 1, 2];
const masked = (dy: tf.Tensor4D, y: tf.Tensor4D | null): tf.Tensor4D => (y ? tf.mul(dy, tf.step(y)) : dy);

const portable: NormPaths = {
  statistics(x, gamma, beta, epsilon) {
    const mean = tf.mean(x, AXES) as tf.Tensor1D;
    const variance = tf.mean(tf.squaredDifference(x, mean), AXES) as tf.Tensor1D;
    const rstd = tf.rsqrt(tf.add(variance, epsilon)) as tf.Tensor1D;
    const scale = tf.mul(gamma, rstd) as tf.Tensor1D;
    return { mean, variance, rstd, scale, shift: tf.sub(beta, tf.mul(mean, scale)) as tf.Tensor1D };
  },
  affine(gamma, beta, mean, variance, epsilon) {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, epsilon))) as tf.Tensor1D;
    return [scale, tf.sub(beta, tf.mul(mean, scale)) as tf.Tensor1D];
  },
  apply(x, scale, shift, residual, relu) {
    const affine = tf.add(tf.mul(x, scale), shift) as tf.Tensor4D;
    const summed = residual ? (tf.add(affine, residual) as tf.Tensor4D) : affine;
    return relu ? tf.relu(summed) : summed;
  },
  gradient(dy, y, x, { mean, rstd, scale }) {
    const g = masked(dy, y);
    const count = x.size / x.shape[3];
    const dBeta = tf.sum(g, AXES) as tf.Tensor1D;
    const dGamma = tf.mul(tf.sum(tf.mul(g, tf.sub(x, mean)), AXES), rstd) as tf.Tensor1D;
    const b = tf.mul(scale, tf.mul(rstd, tf.div(dGamma, -count))) as tf.Tensor1D;
    return { dGamma, dBeta, b, c: tf.mul(scale, tf.div(dBeta, -count)) as tf.Tensor1D };
  },
  running(runningMean, runningVar, { mean, variance }, count, momentum) {
    return [
      tf.add(tf.mul(runningMean, 1 - momentum), tf.mul(mean, momentum)) as tf.Tensor1D,
      tf.add(tf.mul(runningVar, 1 - momentum), tf.mul(variance, (momentum * count) / (count - 1))) as tf.Tensor1D,
    ];
  },
  gradApply(dy, y, x, { mean, a, b, c }, withMasked) {
    const g = masked(dy, y);
    const dx = tf.add(tf.add(tf.mul(g, a), tf.mul(tf.sub(x, mean), b)), c) as tf.Tensor4D;
    return { dx, g: withMasked ? g : null };
  },
};

const run = (name: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown> = {}) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];

const optional = (y: tf.Tensor4D | null): tf.NamedTensorMap => (y ? { y } : {});

const assembled: NormPaths = {
  statistics(x, gamma, beta, epsilon) {
    const [mean, variance, rstd, scale, shift] = run(NORM_KERNELS.statistics, { x, gamma, beta }, { epsilon }) as tf.Tensor1D[];
    return { mean: mean!, variance: variance!, rstd: rstd!, scale: scale!, shift: shift! };
  },
  affine(gamma, beta, mean, variance, epsilon) {
    return run(NORM_KERNELS.affine, { gamma, beta, mean, variance }, { epsilon }) as [tf.Tensor1D, tf.Tensor1D];
  },
  apply(x, scale, shift, residual, relu) {
    return run(NORM_KERNELS.apply, { x, scale, shift, ...(residual ? { residual } : {}) }, { relu }) as tf.Tensor4D;
  },
  gradient(dy, y, x, { mean, rstd, scale }) {
    const [dGamma, dBeta, b, c] = run(NORM_KERNELS.gradient, { dy, x, mean, rstd, scale, ...optional(y) }, { relu: y !== null }) as tf.Tensor1D[];
    return { dGamma: dGamma!, dBeta: dBeta!, b: b!, c: c! };
  },
  running(runningMean, runningVar, { mean, variance }, count, momentum) {
    return run(NORM_KERNELS.running, { runningMean, runningVar, mean, variance }, { count, momentum }) as [tf.Tensor1D, tf.Tensor1D];
  },
  gradApply(dy, y, x, coefficients, withMasked) {
    const [dx, g] = run(NORM_KERNELS.gradApply, { dy, x, ...coefficients, ...optional(y) }, { relu: y !== null, residual: withMasked }) as tf.Tensor4D[];
    return { dx: dx!, g: g ?? null };
  },
};

/** The assembled kernels vectorize over channels, four at a time. */
export function normPaths(channels: number): NormPaths {
  return channels % 4 === 0 && wasmKernelsActive() ? assembled : portable;
}
