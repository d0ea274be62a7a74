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
  for (const { weight, grad } of slots) {
    if (grad.shape.join() !== weight.shape.join()) throw new Error(`sgdStep: gradient [${grad.shape}] does not match weight [${weight.shape}]`);
  }
  if (wasmKernelsActive()) {
    // The same arithmetic as one kernel for all tensors: six tfjs ops per tensor cost more than it.
    const inputs = Object.fromEntries(slots.flatMap(({ weight, buffer, grad }, i) => [[`weight${i}`, weight], [`buffer${i}`, buffer], [`grad${i}`, grad]]));
    const next = tf.engine().runKernel(SGD_KERNEL, inputs, { learningRate, momentum, weightDecay, count: slots.length }) as tf.Tensor[];
    slots.forEach(({ weight, buffer }, i) => {
      weight.assign(next[2 * i]!);
      buffer.assign(next[2 * i + 1]!);
    });
    return;
  }
  for (const { weight, buffer, grad } of slots) {
    const g = weightDecay === 0 ? grad : tf.add(grad, tf.mul(weight, weightDecay));
    const nextBuffer = tf.add(tf.mul(buffer, momentum), g);
    buffer.assign(nextBuffer);
    weight.assign(tf.sub(weight, tf.mul(nextBuffer, learningRate)));
  }
}
