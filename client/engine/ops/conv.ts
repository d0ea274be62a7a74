// The network's convolution ('same' padding, no bias) with its gradients beside it.
import type * as tf from '@tensorflow/tfjs-core';
import { withGradient } from './custom-gradient.ts';
import { convFilterGrad, convForward, convInputGrad } from './conv-paths.ts';

/** Which gradients backprop needs: none for the image (the stem), none for frozen filters. */
export interface ConvGradients {
  input: boolean;
  filter: boolean;
}

export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, gradients: ConvGradients): tf.Tensor4D {
  const [k, kw, inC] = filter.shape;
  if (x.rank !== 4 || filter.rank !== 4 || k !== kw || inC !== x.shape[3] || !(stride >= 1)) {
    throw new Error(`conv2d: expected x [N,H,W,C], filter [k,k,C,out] with C = x's channels and stride >= 1, got x [${x.shape}], filter [${filter.shape}], stride ${stride}`);
  }
  const value = () => convForward(x, filter, stride);
  const dx = (dy: tf.Tensor4D, w: tf.Tensor4D) => convInputGrad(dy, w, x.shape, stride);
  const dw = (dy: tf.Tensor4D, input: tf.Tensor4D) => convFilterGrad(input, dy, k, stride);
  if (gradients.input && gradients.filter) return withGradient([x, filter], value, () => [x, filter], (dy, [input, w]) => [dx(dy, w), dw(dy, input)]);
  if (gradients.input) return withGradient([x], value, () => [filter], (dy, [w]) => [dx(dy, w)]);
  if (gradients.filter) return withGradient([filter], value, () => [x], (dy, [input]) => [dw(dy, input)]);
  return value();
}
