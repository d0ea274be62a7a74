// A typed wrapper over tf.customGrad: the op's forward and its closed-form gradient side by side.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `value()` as one differentiable op over `inputs`; `gradient(dy, kept)` returns one tensor
 * per input, in order. tf.grads frees the forward pass's tensors before backprop, so whatever the
 * gradient reads must be listed by `keep` (it receives the op's output, too).
 */
export function withGradient<T extends tf.Tensor, K extends tf.Tensor[]>(inputs: tf.Tensor[], value: () => T, keep: (output: T) => [...K], gradient: (dy: T, kept: K) => tf.Tensor[]): T {
  type Forward = Parameters<typeof tf.customGrad<T>>[0];
  const forward = (...args: unknown[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const output = value();
    save(keep(output));
    return { value: output, gradFunc: (dy: T, saved: tf.Tensor[]) => gradient(dy, saved as K) };
  };
  return tf.customGrad<T>(forward as unknown as Forward)(...inputs);
}
