// AdamInit in the in-process runner: passes over the train shards in which only the new blocks'
// last BN trains with Adam, until train accuracy reaches the controller's target.
import { applyDelta, combineDeltas } from '../../shared/aggregate/index.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { ControllerEffect } from '../../shared/controller/types.ts';
import { epochRounds, type DatasetLayout } from '../../shared/dataset/index.ts';
import { adamInitTaskSeed } from '../../shared/random/seeds.ts';
import type { ModelState } from '../../shared/state/types.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { adamInitTask } from '../tasks/run-task.ts';
import { trainParams } from '../tasks/task-params.ts';

export interface AdamInitOutcome {
  state: ModelState;
  trainAcc: number;
  passes: number;
}

export async function runAdamInit(
  config: RunConfig,
  layout: DatasetLayout,
  source: DatasetSource,
  start: ModelState,
  epochsFinished: number,
  effect: Extract<ControllerEffect, { type: 'adam-init' }>,
): Promise<AdamInitOutcome> {
  let state = start;
  let trainAcc = 0;
  let passes = 0;
  while (passes < effect.maxEpochs && (passes === 0 || trainAcc < effect.targetTrainAcc)) {
    let samples = 0;
    let correct = 0;
    for (const round of epochRounds(layout, config.seed, epochsFinished + passes, config.fleet.roundSize)) {
      const reports = [];
      for (const ref of round) {
        const seed = adamInitTaskSeed(config.seed, epochsFinished, passes, ref.index);
        const params = { ...trainParams(config, layout.facts, effect.learningRate, seed), stages: effect.stages };
        const result = await adamInitTask(state, source.shard(ref), params);
        samples += result.summary.samples;
        correct += (result.summary.accuracy * result.summary.samples) / 100;
        reports.push({ delta: result.delta, samples: result.summary.samples });
      }
      const { aggregation, trimFraction, maxDeltaNorm } = config.fleet;
      const combined = combineDeltas(reports, aggregation, { trimFraction, maxDeltaNorm });
      if (!combined.ok) throw new Error(`runAdamInit: ${combined.error}`);
      state = applyDelta(state, combined.delta);
    }
    trainAcc = (100 * correct) / samples;
    passes++;
  }
  return { state, trainAcc, passes };
}
