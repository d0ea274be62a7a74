// Runs one leased task on this machine's engine and turns the outcome into what the report
// carries: the header's measurements and the delta's bytes. Volunteers and the in-process runner alike.
import { flatNorm } from '../../shared/aggregate/streaming.ts';
import { encodeChunkedDelta, flattenTensors, layoutKey } from '../../shared/delta/index.ts';
import type { LeasedTask, ReportHeader } from '../../shared/protocol/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import type { ShardData } from '../data/batch.ts';
import type { ModelState } from '../../shared/state/types.ts';
import { adamInitTask, evalTask, trainTask, type ProgressListener } from './run-task.ts';
import type { TrainParams } from './task-params.ts';
import { VolunteerMemory } from './volunteer-memory.ts';

/** The starting state of the task's version and its data shards, in the task's order. */
export interface TaskInputs {
  state: ModelState;
  shards: ShardData[];
}

/** The report minus what the loop adds (lease token, backend). */
export type TaskMeasurement = Pick<ReportHeader, 'samples' | 'loss' | 'accuracy' | 'correct' | 'seconds' | 'encoding' | 'diverged'>;

export interface TaskOutput {
  measurement: TaskMeasurement;
  /** The state delta, flat and encoded (shared/delta/chunked-delta.ts); empty for eval. */
  payload: Uint8Array;
}

export type TaskExecutor = (task: LeasedTask, inputs: TaskInputs, memory: VolunteerMemory, onProgress: ProgressListener) => Promise<TaskOutput>;

export const executeTask: TaskExecutor = async (task, inputs, memory, onProgress) => {
  const started = performance.now();
  const { mean, std } = task.normalization;
  if (task.kind === 'eval') {
    const total = inputs.shards.reduce((sum, shard) => sum + shard.count, 0);
    const summary = await evalTask(inputs.state, inputs.shards, { batchSize: task.batchSize, mean, std });
    onProgress(total, total);
    const seconds = (performance.now() - started) / 1000;
    if (!Number.isFinite(summary.loss)) return { measurement: { samples: summary.samples, loss: 0, accuracy: 0, correct: 0, seconds, diverged: true }, payload: new Uint8Array(0) };
    return {
      // The engine sums the cross-entropy over images; the report carries the mean.
      measurement: { samples: summary.samples, loss: summary.loss / summary.samples, accuracy: (100 * summary.correct) / summary.samples, correct: summary.correct, seconds },
      payload: new Uint8Array(0),
    };
  }
  const base: Omit<TrainParams, 'learningRate' | 'momentum' | 'weightDecay'> = { seeds: task.seeds, batchSize: task.batchSize, augment: task.augment, mean, std };
  // A reproducible task starts from no momentum and keeps none: what it computes is the task's alone.
  const reproducible = task.kind === 'train' && task.reproducible;
  const result = task.kind === 'train'
    ? await trainTask(inputs.state, inputs.shards, { ...base, ...task.hyper }, reproducible ? new VolunteerMemory() : memory, onProgress)
    // Adam ignores momentum and weight decay; the params type asks for them.
    : await adamInitTask(inputs.state, inputs.shards, { ...base, learningRate: task.learningRate, momentum: 0, weightDecay: 0, stages: task.stages }, onProgress);
  const { samples, loss, accuracy } = result.summary;
  const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
  const layout = stateLayout(inputs.state);
  const flat = flattenTensors(result.delta, layout);
  const norm = flatNorm(flat);
  // Training broke down: the run hears it, with no delta; this volunteer's momentum is as broken.
  if (!Number.isFinite(loss) || !Number.isFinite(norm) || (task.maxDeltaNorm !== null && norm > task.maxDeltaNorm)) {
    memory.forgetMomentum();
    return { measurement: { samples, loss: 0, accuracy: 0, correct: 0, seconds, diverged: true }, payload: new Uint8Array(0) };
  }
  const encoding = memory.encodingFor(task.encodings);
  // Exact encodings need no error feedback; the lossy ones carry what they lost into the next
  // report, unless the report must be the task's alone.
  const payload = encoding === 'f32' || reproducible ? encodeChunkedDelta(flat, encoding) : memory.feedback.compress(flat, encoding, layoutKey(layout));
  return {
    // The engine measures accuracy in percent; the coordinator tallies whole images.
    measurement: { samples, loss, accuracy, correct: Math.round((accuracy * samples) / 100), seconds, encoding },
    payload,
  };
};
