// Trains and evaluates one model state on the active backend: tensors upload once as named
// variables, every step runs inside tf.tidy, and state() downloads them in the given order.
import * as tf from '@tensorflow/tfjs-core';
import { networkPlan, type NetworkPlan } from '../../shared/architecture/plan.ts';
import type { ArchitectureSpec } from '../../shared/architecture/spec.ts';
import type { ModelState } from '../../shared/state/types.ts';
import type { Batch } from '../data/batch.ts';
import { batchTensors, runBatches, yieldToEventLoop, type TrainSummary } from './batch-loop.ts';
import { forward, type ForwardOptions } from './network/forward.ts';
import { updatedRunningStatistics } from './ops/batch-norm.ts';
import { correctCount, crossEntropies, softmaxCrossEntropy } from './ops/head.ts';
import { adamMomentName, adamStep, ADAM_STEP } from './optim/adam.ts';
import { sgdStep, type Hyper } from './optim/sgd.ts';
import { adamTargets, stateLayout, type TensorSlot } from './state-layout.ts';

export interface EvalSummary {
  samples: number;
  correct: number;
  /** Summed (not mean) cross-entropy, so shards can be combined. */
  loss: number;
}

export class Trainer {
  readonly #architecture: ArchitectureSpec;
  readonly #plan: NetworkPlan;
  readonly #slots: TensorSlot[];
  readonly #byName = new Map<string, tf.Variable>();
  #disposed = false;

  constructor(state: ModelState) {
    this.#architecture = state.architecture;
    this.#plan = networkPlan(state.architecture);
    this.#slots = stateLayout(state);
    for (const slot of this.#slots) {
      const variable = tf.tidy(() => tf.variable(tf.tensor(slot.initial, slot.shape, 'float32'), slot.trainable));
      this.#byName.set(slot.name, variable);
    }
  }

  #variable(name: string): tf.Variable {
    if (this.#disposed) throw new Error('Trainer: used after dispose()');
    const variable = this.#byName.get(name);
    if (!variable) throw new Error(`Trainer: no tensor named ${name}`);
    return variable;
  }

  readonly #param = (name: string): tf.Tensor => this.#variable(name);

  /** Creates zero tensors (appended to the state) for names it does not hold yet. */
  #ensure(names: { name: string; shape: number[] }[]): void {
    for (const { name, shape } of names) {
      if (this.#byName.has(name)) continue;
      this.#slots.push({ name, shape, trainable: false, initial: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
      this.#byName.set(name, tf.tidy(() => tf.variable(tf.zeros(shape), false)));
    }
  }

  readonly #updateRunningStats: ForwardOptions['onBatchStats'] = (bn, mean, variance, count) => {
    if (count < 2) throw new Error(`Trainer: batch norm ${bn} sees ${count} value per channel; training needs at least 2`);
    const runningMean = this.#variable(`${bn}.mean`);
    const runningVar = this.#variable(`${bn}.var`);
    const [nextMean, nextVar] = updatedRunningStatistics(runningMean as tf.Tensor1D, runningVar as tf.Tensor1D, { mean, variance }, count);
    runningMean.assign(nextMean);
    runningVar.assign(nextVar);
  };

  /** One training step: loss and gradients for `trainable`, then `update`. Returns [loss sum, correct]. */
  #step(batch: Batch, trainable: tf.Variable[], options: ForwardOptions, update: (grads: tf.NamedTensorMap) => void): tf.Tensor1D {
    const held: { correct?: tf.Scalar } = {};
    const stats = tf.tidy(() => {
      const { x, labels } = batchTensors(batch, this.#architecture.input);
      const { value, grads } = tf.variableGrads(() => {
        const logits = forward(this.#plan, this.#param, x, options);
        held.correct = tf.keep(correctCount(logits, labels));
        return softmaxCrossEntropy(logits, labels);
      }, trainable);
      update(grads);
      return tf.stack([tf.mul(value, batch.size), held.correct!]) as tf.Tensor1D;
    });
    held.correct?.dispose();
    return stats;
  }

  /** SGD over the batches, all parameters training, batch norm in training mode. */
  trainBatches(batches: Iterable<Batch>, hyper: Hyper, onBatch?: (samplesDone: number) => void): Promise<TrainSummary> {
    const slots = this.#slots.filter((s) => s.trainable);
    const trainable = slots.map((s) => this.#variable(s.name));
    const buffers = slots.map((s) => this.#variable(s.momentum!));
    return runBatches(batches, onBatch, (batch) =>
      this.#step(batch, trainable, { training: true, onBatchStats: this.#updateRunningStats }, (grads) => {
        const updates = trainable.flatMap((weight, i) => (grads[weight.name] ? [{ weight, buffer: buffers[i]!, grad: grads[weight.name]! }] : []));
        sgdStep(updates, hyper);
      }),
    );
  }

  /**
   * AdamInit: only the last BN (gamma, beta) of the newest block of each listed stage trains, with
   * Adam; every BN still updates its running statistics. Adam's moments and step count persist.
   */
  async adamInitBatches(batches: Iterable<Batch>, options: { stages: number[]; learningRate: number }, onBatch?: (samplesDone: number) => void): Promise<TrainSummary> {
    const targets = adamTargets(this.#plan, options.stages);
    this.#ensure([...targets.flatMap((t) => [{ name: adamMomentName(t.name, 'm'), shape: t.shape }, { name: adamMomentName(t.name, 'v'), shape: t.shape }]), { name: ADAM_STEP, shape: [1] }]);
    const weights = targets.map((t) => this.#variable(t.name));
    const stepCounter = this.#variable(ADAM_STEP);
    let step = (await stepCounter.data())[0]!;
    return runBatches(batches, onBatch, (batch) =>
      this.#step(batch, weights, { training: true, onBatchStats: this.#updateRunningStats, filterGradients: false }, (grads) => {
        step += 1;
        const slots = targets.map((t, i) => ({ weight: weights[i]!, m: this.#variable(adamMomentName(t.name, 'm')), v: this.#variable(adamMomentName(t.name, 'v')), grad: grads[weights[i]!.name]! }));
        adamStep(slots, options.learningRate, step);
        stepCounter.assign(tf.tensor1d([step]));
      }),
    );
  }

  /** Evaluation mode (running statistics); loss is summed so results over shards add up. */
  async evaluate(batches: Iterable<Batch>): Promise<EvalSummary> {
    const summary: EvalSummary = { samples: 0, correct: 0, loss: 0 };
    for (const batch of batches) {
      const stats = tf.tidy(() => {
        const { x, labels } = batchTensors(batch, this.#architecture.input);
        const logits = forward(this.#plan, this.#param, x, { training: false });
        return tf.stack([tf.sum(crossEntropies(logits, labels)), correctCount(logits, labels)]);
      });
      const [loss, correct] = await stats.data();
      stats.dispose();
      summary.samples += batch.size;
      summary.loss += loss!;
      summary.correct += correct!;
      await yieldToEventLoop();
    }
    return summary;
  }

  /**
   * Every tensor, in the order given (then any this trainer created), downloaded. Asynchronous:
   * WebGPU's synchronous read goes through a canvas that headless SwiftShader cannot create.
   */
  async state(): Promise<ModelState> {
    const values = await Promise.all(this.#slots.map((s) => this.#variable(s.name).data()));
    const tensors = this.#slots.map((s, i) => ({ name: s.name, shape: [...s.shape], data: new Float32Array(values[i] as Float32Array) }));
    return { architecture: this.#architecture, tensors };
  }

  dispose(): void {
    if (this.#disposed) return;
    for (const variable of this.#byName.values()) variable.dispose();
    this.#byName.clear();
    this.#disposed = true;
  }
}
