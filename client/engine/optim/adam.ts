// torch.optim.Adam with its defaults (betas 0.9/0.999, eps 1e-8, no weight decay), for AdamInit.
import * as tf from '@tensorflow/tfjs-core';

export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** State tensor names: moments per parameter, one shared step counter. */
export const adamMomentName = (name: string, moment: 'm' | 'v'): string => `${name}#adam-${moment}`;
export const ADAM_STEP = 'adam#step';

export interface AdamSlot {
  weight: tf.Variable;
  m: tf.Variable;
  v: tf.Variable;
  grad: tf.Tensor;
}

/** One Adam step; `step` counts from 1 and sets the bias corrections. */
export function adamStep(slots: AdamSlot[], learningRate: number, step: number): void {
  const correction1 = 1 - ADAM.beta1 ** step;
  const correction2 = 1 - ADAM.beta2 ** step;
  for (const { weight, m, v, grad } of slots) {
    if (grad.shape.join() !== weight.shape.join()) throw new Error(`adamStep: gradient [${grad.shape}] does not match weight [${weight.shape}]`);
    const nextM = tf.add(tf.mul(m, ADAM.beta1), tf.mul(grad, 1 - ADAM.beta1));
    const nextV = tf.add(tf.mul(v, ADAM.beta2), tf.mul(tf.square(grad), 1 - ADAM.beta2));
    m.assign(nextM);
    v.assign(nextV);
    // As PyTorch: w -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
    const denominator = tf.add(tf.div(tf.sqrt(nextV), Math.sqrt(correction2)), ADAM.epsilon);
    weight.assign(tf.sub(weight, tf.mul(tf.div(nextM, denominator), learningRate / correction1)));
  }
}
