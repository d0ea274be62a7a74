// The four kernels of batch norm, two ways: the engine's assembled WASM kernels, or tfjs ops on any
// backend. Per-channel vectors broadcast along the last axis, so no Tile is ever needed.
import * as tf from '@tensorflow/tfjs-core';
import { NORM_KERNELS, wasmKernelsActive } from '../wasm/index.ts';

export interface NormPaths {
  /** Batch mean and biased variance over N, H, W. */
  moments(x: tf.Tensor4D): { mean: tf.Tensor1D; variance: tf.Tensor1D };
  /** relu?(x * scale + shift + residual?) */
  apply(x: tf.Tensor4D, scale: tf.Tensor1D, shift: tf.Tensor1D, residual: tf.Tensor4D | undefined, relu: boolean): tf.Tensor4D;
  /** [sum(g), sum(g * (x - mean))] over N, H, W, with g = dy masked where the ReLU output y is 0. */
  gradReduce(dy: tf.Tensor4D, y: tf.Tensor4D | null, x: tf.Tensor4D, mean: tf.Tensor1D): [tf.Tensor1D, tf.Tensor1D];
  /** dx = g * a + (x - mean) * b + c, and g itself when the residual branch needs it. */
  gradApply(dy: tf.Tensor4D, y: tf.Tensor4D | null, x: tf.Tensor4D, coefficients: { mean: tf.Tensor1D; a: tf.Tensor1D; b: tf.Tensor1D; c: tf.Tensor1D }, withMasked: boolean): { dx: tf.Tensor4D; g: tf.Tensor4D | null };
}

const AXES = [0, 1, 2];
const masked = (dy: tf.Tensor4D, y: tf.Tensor4D | null): tf.Tensor4D => (y ? tf.mul(dy, tf.step(y)) : dy);

const portable: NormPaths = {
  moments(x) {
    const mean = tf.mean(x, AXES) as tf.Tensor1D;
    return { mean, variance: tf.mean(tf.squaredDifference(x, mean), AXES) as tf.Tensor1D };
  },
  apply(x, scale, shift, residual, relu) {
    const affine = tf.add(tf.mul(x, scale), shift) as tf.Tensor4D;
    const summed = residual ? (tf.add(affine, residual) as tf.Tensor4D) : affine;
    return relu ? tf.relu(summed) : summed;
  },
  gradReduce(dy, y, x, mean) {
    const g = masked(dy, y);
    return [tf.sum(g, AXES), tf.sum(tf.mul(g, tf.sub(x, mean)), AXES)];
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
  moments(x) {
    const [mean, variance] = run(NORM_KERNELS.moments, { x }) as [tf.Tensor1D, tf.Tensor1D];
    return { mean, variance };
  },
  apply(x, scale, shift, residual, relu) {
    return run(NORM_KERNELS.apply, { x, scale, shift, ...(residual ? { residual } : {}) }, { relu }) as tf.Tensor4D;
  },
  gradReduce(dy, y, x, mean) {
    return run(NORM_KERNELS.gradReduce, { dy, x, mean, ...optional(y) }, { relu: y !== null }) as [tf.Tensor1D, tf.Tensor1D];
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
