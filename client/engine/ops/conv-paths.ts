// The three kernels of a 'same' convolution, two ways: the engine's assembled WASM kernels, or
// tfjs ops on any backend, with both gradients written as forward convolutions.
import * as tf from '@tensorflow/tfjs-core';
import { CONV_KERNELS, wasmKernelsActive } from '../wasm/index.ts';
import { normPaths } from './norm-paths.ts';
import { samePadding, type SamePadding } from './same-padding.ts';

type Pads = [[number, number], [number, number], [number, number], [number, number]];
const explicit = (top: number, bottom: number, left: number, right: number): Pads => [[0, 0], [top, bottom], [left, right], [0, 0]];
const padsOf = (p: SamePadding): Pads => explicit(p.top, p.bottom, p.left, p.right);

/** The assembled kernels vectorize over output channels, four at a time. */
const fast = (outChannels: number): boolean => outChannels % 4 === 0 && wasmKernelsActive();

export function convForward(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const [k, , , outC] = filter.shape;
  if (fast(outC)) return tf.engine().runKernel(CONV_KERNELS.forward, { x, filter }, { stride }) as tf.Tensor4D;
  return tf.conv2d(x, filter, stride, padsOf(samePadding(h, w, k, stride)));
}

/**
 * Evaluation mode's conv + batch norm: relu?(conv(x, filter) * scale + shift + residual?), on wasm
 * with the normalization in the conv's epilogue.
 */
export function convForwardNormalized(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, scale: tf.Tensor1D, shift: tf.Tensor1D, residual: tf.Tensor4D | undefined, relu: boolean): tf.Tensor4D {
  const outC = filter.shape[3];
  if (fast(outC)) return tf.engine().runKernel(CONV_KERNELS.forwardNormalized, { x, filter, scale, shift, ...(residual ? { residual } : {}) }, { stride, relu }) as tf.Tensor4D;
  return normPaths(outC).apply(convForward(x, filter, stride), scale, shift, residual, relu);
}

/** Zero insertion: dy[i] moves to i * stride, so a stride-1 conv can walk it (rank-4 ops only). */
function dilate(dy: tf.Tensor4D, stride: number): tf.Tensor4D {
  const [n, h, w, c] = dy.shape;
  const spread = (x: tf.Tensor4D) => tf.pad(x, [[0, 0], [0, 0], [0, stride - 1], [0, 0]]);
  const wide = tf.reshape(spread(tf.reshape(dy, [n * h, w, 1, c])), [n, h, 1, w * stride * c]);
  const tall = tf.reshape(spread(wide as tf.Tensor4D), [n, h * stride, w * stride, c]);
  return tf.slice(tall as tf.Tensor4D, [0, 0, 0, 0], [n, (h - 1) * stride + 1, (w - 1) * stride + 1, c]);
}

/** dx = conv(dy dilated by the stride, filter flipped in space and transposed in/out), stride 1. */
export function convInputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D, inShape: [number, number, number, number], stride: number): tf.Tensor4D {
  const [, h, w, inC] = inShape;
  const [k] = filter.shape;
  if (fast(inC)) return tf.engine().runKernel(CONV_KERNELS.inputGrad, { dy, filter }, { stride, inShape }) as tf.Tensor4D;
  const p = samePadding(h, w, k, stride);
  const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  const spread = stride > 1 ? dilate(dy, stride) : dy;
  const pads = explicit(k - 1 - p.top, h - 1 + p.top - stride * (p.outH - 1), k - 1 - p.left, w - 1 + p.left - stride * (p.outW - 1));
  return tf.conv2d(spread, flipped, 1, pads);
}

/** dW = conv(x^T [inC, H, W, N], dy^T [outH, outW, N, outC] as the filter, dilated by the stride). */
export function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kernel: number, stride: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const outC = dy.shape[3];
  if (fast(outC)) return tf.engine().runKernel(CONV_KERNELS.filterGrad, { x, dy }, { stride, kernel }) as tf.Tensor4D;
  const p = samePadding(h, w, kernel, stride);
  const taps = tf.conv2d(tf.transpose(x, [3, 1, 2, 0]), tf.transpose(dy, [1, 2, 0, 3]), 1, padsOf(p), 'NHWC', stride);
  // Where 'same' needs no padding, the correlation runs past the kernel: its first taps are dW.
  const trimmed = taps.shape[1] === kernel && taps.shape[2] === kernel ? taps : tf.slice(taps, [0, 0, 0, 0], [-1, kernel, kernel, -1]);
  return tf.transpose(trimmed, [1, 2, 0, 3]);
}
