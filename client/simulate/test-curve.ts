// Test accuracy along a simulated run: the model each epoch's validation round measured, scored
// on the test split after the run (outside the run, so it steers nothing), and the first simulated
// moment the run's model reached a given test accuracy.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout } from '../../shared/dataset/index.ts';
import type { ModelState } from '../../shared/state/index.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { evalTask } from '../tasks/run-task.ts';

export interface TestPoint {
  seconds: number;
  epoch: number;
  testAcc: number;
}

/** Each epoch's point of `curve` with the test accuracy of the state its validation measured. */
export async function testCurve(config: RunConfig, source: DatasetSource, curve: readonly { seconds: number; epoch: number }[], states: readonly ModelState[]): Promise<TestPoint[]> {
  if (states.length !== curve.length) throw new Error(`testCurve: ${curve.length} epochs recorded but ${states.length} validated states kept`);
  const layout = datasetLayout(config.dataset);
  const shards = layout.test.map((shard) => source.shard(shard));
  const { mean, std } = layout.facts;
  const points: TestPoint[] = [];
  for (const [i, point] of curve.entries()) {
    const summary = await evalTask(states[i]!, shards, { batchSize: config.optimizer.batchSize, mean: [...mean], std: [...std] });
    points.push({ seconds: point.seconds, epoch: point.epoch, testAcc: (100 * summary.correct) / summary.samples });
  }
  return points;
}

/** The first simulated second the run's model scored at least `target` percent on the test split. */
export function secondsToAccuracy(points: readonly TestPoint[], target: number): number | null {
  return points.find((point) => point.testAcc >= target)?.seconds ?? null;
}
