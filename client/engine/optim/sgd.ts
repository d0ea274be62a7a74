// torch.optim.SGD as AutoGrow runs it (momentum, weight decay on every trainable tensor, no
// dampening, no Nesterov).
import * as tf from '@tensorflow/tfjs-core';
import { SGD_KERNEL, wasmKernelsActive } from '../wasm/index.ts';

export interface Hyper {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

export interface SgdSlot {
  weight: tf.Variable;
  /** The stored momentum buffer (momentumName in the state). */
  buffer: tf.Variable;
  grad: tf.Tensor;
}

/**
 * g = grad + weightDecay * w; buf = momentum * buf + g; w = w - learningRate * buf.
 * PyTorch sets buf = g on a parameter's first step; our buffers always exist and start at zero,
 * which gives the same first step.
 */
export function sgdStep(slots: SgdSlot[], { learningRate, momentum, weightDecay }: Hyper): void {
  const fused = wasmKernelsActive();
  for (const { weight, buffer, grad } of slots) {
    if (grad.shape.join() !== weight.shape.join()) throw new Error(`sgdStep: gradient [${grad.shape}] does not match weight [${weight.shape}]`);
    if (fused) {
      // The same arithmetic in one kernel: dispatching six tfjs ops per tensor costs more than it.
      const [nextWeight, nextBuffer] = tf.engine().runKernel(SGD_KERNEL, { weight, buffer, grad }, { learningRate, momentum, weightDecay }) as tf.Tensor[];
      buffer.assign(nextBuffer!);
      weight.assign(nextWeight!);
      continue;
    }
    const g = weightDecay === 0 ? grad : tf.add(grad, tf.mul(weight, weightDecay));
    const nextBuffer = tf.add(tf.mul(buffer, momentum), g);
    buffer.assign(nextBuffer);
    weight.assign(tf.sub(weight, tf.mul(nextBuffer, learningRate)));
  }
}
