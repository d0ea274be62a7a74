// The classifier end of the network: global average pool + dense head, and the mean softmax
// cross-entropy loss, each with its closed-form gradient.
import * as tf from '@tensorflow/tfjs-core';
import { withGradient } from './custom-gradient.ts';

/** logits = mean over H, W of x, times weight [C, classes], plus bias. */
export function denseHead(x: tf.Tensor4D, weight: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const [n, height, width, c] = x.shape;
  const classes = weight.shape[1];
  if (x.rank !== 4 || weight.shape[0] !== c || bias.rank !== 1 || bias.shape[0] !== classes) {
    throw new Error(`denseHead: expected x [N,H,W,C], weight [C,classes], bias [classes], got x [${x.shape}], weight [${weight.shape}], bias [${bias.shape}]`);
  }
  const pooled = tf.mean(x, [1, 2]) as tf.Tensor2D;
  const logits = () => tf.add(tf.matMul(pooled, weight), bias) as tf.Tensor2D;
  return withGradient([x, weight, bias], logits, () => [pooled, weight], (dy, [features, w]) => {
    const dPooled = tf.reshape(tf.matMul(dy, w, false, true), [n, 1, 1, c]);
    // Spread over H and W by a broadcasting add: tf.broadcastTo runs Tile, which tfjs-wasm does
    // element by element, and tf.fill runs on the backend (tf.ones fills in JavaScript).
    const dx = tf.add(tf.fill([n, height, width, c], 0), tf.div(dPooled, height * width)) as tf.Tensor4D;
    return [dx, tf.matMul(features, dy, true, false), tf.sum(dy, 0)];
  });
}

function checkLabels(caller: string, logits: tf.Tensor2D, labels: tf.Tensor1D): void {
  if (logits.rank !== 2 || labels.rank !== 1 || labels.shape[0] !== logits.shape[0] || labels.dtype !== 'int32') {
    throw new Error(`${caller}: expected logits [N,classes] and int32 labels [N], got logits [${logits.shape}], labels ${labels.dtype} [${labels.shape}]`);
  }
}

/** Per-sample cross-entropy of softmax(logits) against integer labels. */
export function crossEntropies(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  checkLabels('crossEntropies', logits, labels);
  return tf.neg(tf.sum(tf.mul(tf.oneHot(labels, logits.shape[1]), tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
}

/** Mean softmax cross-entropy; its gradient is (softmax - onehot) / N. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  checkLabels('softmaxCrossEntropy', logits, labels);
  const [n, classes] = logits.shape;
  const logProbabilities = tf.logSoftmax(logits);
  const onehot = tf.oneHot(labels, classes);
  const loss = () => tf.neg(tf.mean(tf.sum(tf.mul(onehot, logProbabilities), 1))) as tf.Scalar;
  return withGradient([logits], loss, () => [logProbabilities, onehot], (dy, [logP, target]) => [tf.mul(tf.sub(tf.exp(logP), target), tf.div(dy, n))]);
}

/** How many rows of logits put their maximum on the label. */
export function correctCount(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  checkLabels('correctCount', logits, labels);
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}
