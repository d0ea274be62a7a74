// The ImageNet stem's 3x3 stride-2 'same' max pool; its gradient is tfjs's MaxPoolGrad kernel,
// except on wasm, whose MaxPoolGrad mixes up channels (the engine registers its own there).
import * as tf from '@tensorflow/tfjs-core';
import { MAX_POOL_GRAD_KERNEL, onWasmBackend } from '../wasm/index.ts';
import { withGradient } from './custom-gradient.ts';

const ATTRS = { filterSize: 3, strides: 2, pad: 'same' as const };

export function stemMaxPool(x: tf.Tensor4D, differentiable: boolean): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`stemMaxPool: expected x [N,H,W,C], got [${x.shape}]`);
  const value = () => tf.maxPool(x, ATTRS.filterSize, ATTRS.strides, ATTRS.pad);
  if (!differentiable) return value();
  const gradient = (dy: tf.Tensor4D, input: tf.Tensor4D, output: tf.Tensor4D) =>
    (onWasmBackend() ? tf.engine().runKernel(MAX_POOL_GRAD_KERNEL, { dy, x: input }) : tf.engine().runKernel(tf.MaxPoolGrad, { dy, input, output }, ATTRS)) as tf.Tensor4D;
  return withGradient([x], value, (y) => [x, y], (dy, [input, output]) => [gradient(dy, input, output)]);
}
