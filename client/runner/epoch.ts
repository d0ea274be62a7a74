// One epoch of the in-process runner, exactly as the coordinator runs it: rounds of train tasks
// from one start state, deltas combined by the run's rule and applied, then the val split scored.
import { applyDelta, combineDeltas } from '../../shared/aggregate/index.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { epochRounds, trainTaskSeed, type DatasetLayout } from '../../shared/dataset/index.ts';
import type { ModelState } from '../../shared/state/types.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { evalTask, trainTask } from '../tasks/run-task.ts';
import { evalParams, trainParams } from '../tasks/task-params.ts';

export interface EpochOutcome {
  state: ModelState;
  samples: number;
  trainLoss: number;
  trainAcc: number;
  valAcc: number;
  trainSeconds: number;
}

export type EpochProgress = (samplesDone: number, samplesTotal: number) => void;

export async function runEpoch(config: RunConfig, layout: DatasetLayout, source: DatasetSource, start: ModelState, epoch: number, learningRate: number, onProgress: EpochProgress): Promise<EpochOutcome> {
  const total = layout.train.reduce((sum, ref) => sum + ref.count, 0);
  const { aggregation, trimFraction, maxDeltaNorm } = config.fleet;
  let state = start;
  let samples = 0;
  let lossSum = 0;
  let accSum = 0;
  let trainSeconds = 0;
  for (const round of epochRounds(layout, config.seed, epoch, config.fleet.roundSize)) {
    const reports = [];
    for (const ref of round) {
      const params = trainParams(config, layout.facts, learningRate, trainTaskSeed(config.seed, epoch, ref.index));
      const result = await trainTask(state, source.shard(ref), params, (done) => onProgress(samples + done, total));
      samples += result.summary.samples;
      lossSum += result.summary.loss * result.summary.samples;
      accSum += result.summary.accuracy * result.summary.samples;
      trainSeconds += result.summary.seconds;
      reports.push({ delta: result.delta, samples: result.summary.samples });
    }
    const combined = combineDeltas(reports, aggregation, { trimFraction, maxDeltaNorm });
    if (!combined.ok) throw new Error(`runEpoch: ${combined.error}`);
    state = applyDelta(state, combined.delta);
  }
  const val = await evalTask(state, layout.val.map((ref) => source.shard(ref)), evalParams(config, layout.facts));
  return { state, samples, trainLoss: lossSum / samples, trainAcc: accSum / samples, valAcc: (100 * val.correct) / val.samples, trainSeconds };
}
