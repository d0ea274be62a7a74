// The same network and training step through stock tfjs ops and tf.grads, with tfjs's own
// registered gradients: the baseline the engine's kernels are measured against.
import '@tensorflow/tfjs-layers'; // registers tfjs's stock gradients
import * as tf from '@tensorflow/tfjs-core';
import type { ConvBnUnit, NetworkPlan } from '../../shared/architecture/plan.ts';
import type { ParamLookup } from '../engine/index.ts';

function stockForward(plan: NetworkPlan, param: ParamLookup, x: tf.Tensor4D): tf.Tensor2D {
  const unit = (u: ConvBnUnit, input: tf.Tensor4D, relu: boolean, residual?: tf.Tensor4D) => {
    const z = tf.conv2d(input, param(`${u.conv}.w`) as tf.Tensor4D, u.stride, 'same');
    const { mean, variance } = tf.moments(z, [0, 1, 2]);
    const normalized = tf.batchNorm(z, mean, variance, param(`${u.bn}.beta`) as tf.Tensor1D, param(`${u.bn}.gamma`) as tf.Tensor1D, 1e-5);
    const summed = residual ? tf.add(normalized, residual) : normalized;
    return (relu ? tf.relu(summed) : summed) as tf.Tensor4D;
  };
  let h = unit(plan.stem, x, plan.stem.relu);
  if (plan.stemPool) h = tf.maxPool(h, 3, 2, 'same');
  for (const block of plan.blocks) {
    const shortcut = !block.residual ? undefined : block.shortcut ? unit(block.shortcut, h, false) : h;
    let y = h;
    block.body.forEach((u, i) => {
      const last = shortcut && i === block.body.length - 1;
      y = unit(u, y, last ? true : u.relu, last ? shortcut : undefined);
    });
    h = y;
  }
  return tf.add(tf.matMul(tf.mean(h, [1, 2]), param(plan.head.weight) as tf.Tensor2D), param(plan.head.bias)) as tf.Tensor2D;
}

/** One SGD step (plain, no momentum: the baseline's cost is in the gradients) through stock ops. */
export function stockTrainStep(plan: NetworkPlan, params: Map<string, tf.Variable>, x: tf.Tensor4D, labels: tf.Tensor1D, learningRate: number): void {
  tf.tidy(() => {
    const trainable = [...params.values()].filter((v) => v.trainable);
    const { grads } = tf.variableGrads(() => {
      const logits = stockForward(plan, (name) => params.get(name)!, x);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, plan.head.classes), logits);
    }, trainable);
    for (const v of trainable) v.assign(tf.sub(v, tf.mul(grads[v.name]!, learningRate)));
  });
}
