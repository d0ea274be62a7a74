// The whole AutoGrow loop in one process: controller + engine, epoch after epoch, growth,
// freezing, fine-tune and the test score. The reference the distributed run must match.
import { architectureName, multiplyAccumulates, parameterCount } from '../../shared/architecture/index.ts';
import { runArchitecture } from '../../shared/config/run-architecture.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { initialControllerState, transition, type ControllerEffect, type ControllerState } from '../../shared/controller/index.ts';
import { datasetLayout } from '../../shared/dataset/index.ts';
import { growStage, initialModelState } from '../../shared/init/index.ts';
import { growthSeed } from '../../shared/random/seeds.ts';
import type { ModelState } from '../../shared/state/types.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { evalTask } from '../tasks/run-task.ts';
import { evalParams } from '../tasks/task-params.ts';
import { runAdamInit } from './adam-init.ts';
import { runEpoch, type EpochProgress } from './epoch.ts';
import type { EpochRecord, RunReport } from './report.ts';

export interface RunListener {
  onProgress?: EpochProgress;
  onEpoch?: (record: EpochRecord) => void;
  onEffect?: (effect: ControllerEffect, controller: ControllerState) => void;
}

export interface RunOutcome {
  report: RunReport;
  state: ModelState;
}

export async function runAutoGrow(config: RunConfig, source: DatasetSource, backend: string, listener: RunListener = {}): Promise<RunOutcome> {
  const started = performance.now();
  const layout = datasetLayout(config.dataset);
  let [controller, effects] = initialControllerState(config);
  let state = initialModelState(runArchitecture(config, layout.facts, controller.depths), config.seed);
  let learningRate = config.optimizer.learningRate;
  let testAcc: number | null = null;
  let samplesProcessed = 0;
  const history: EpochRecord[] = [];

  const execute = async (pending: ControllerEffect[]): Promise<void> => {
    for (const effect of pending) {
      listener.onEffect?.(effect, controller);
      if (effect.type === 'set-learning-rate') learningRate = effect.learningRate;
      if (effect.type === 'grow') state = growStage(state, effect.stage, effect.initializer, effect.scale, growthSeed(config.seed, controller.epoch, effect.stage));
      if (effect.type === 'evaluate-test') {
        const test = await evalTask(state, layout.test.map((ref) => source.shard(ref)), evalParams(config, layout.facts));
        testAcc = (100 * test.correct) / test.samples;
      }
      if (effect.type === 'adam-init') {
        const outcome = await runAdamInit(config, layout, source, state, controller.epoch, effect);
        state = outcome.state;
        [controller, effects] = transition(controller, { type: 'adam-init-finished', trainAcc: outcome.trainAcc, epochsUsed: outcome.passes }, config);
        await execute(effects);
      }
    }
  };

  await execute(effects);
  while (controller.phase !== 'done') {
    const epoch = controller.epoch;
    const phase = controller.phase === 'fine-tuning' ? 'fine-tuning' : 'growing';
    const architecture = architectureName(state.architecture);
    const epochStart = performance.now();
    const outcome = await runEpoch(config, layout, source, state, epoch, learningRate, listener.onProgress ?? (() => {}));
    state = outcome.state;
    samplesProcessed += outcome.samples;
    const record: EpochRecord = {
      epoch, phase, architecture, learningRate,
      valAcc: outcome.valAcc, trainAcc: outcome.trainAcc, trainLoss: outcome.trainLoss, samples: outcome.samples,
      imagesPerSecond: outcome.samples / outcome.trainSeconds,
      seconds: (performance.now() - epochStart) / 1000,
    };
    history.push(record);
    listener.onEpoch?.(record);
    [controller, effects] = transition(controller, { type: 'epoch-finished', epoch, valAcc: outcome.valAcc, trainAcc: outcome.trainAcc, trainLoss: outcome.trainLoss }, config);
    await execute(effects);
  }

  const report: RunReport = {
    config, history, log: controller.log,
    finalArchitecture: architectureName(state.architecture),
    depths: [...state.architecture.depths],
    parameters: parameterCount(state.architecture),
    multiplyAccumulates: multiplyAccumulates(state.architecture),
    testAcc, samplesProcessed,
    wallSeconds: (performance.now() - started) / 1000,
    backend,
  };
  return { report, state };
}
