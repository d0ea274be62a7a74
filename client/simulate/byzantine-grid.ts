// The Byzantine measurement: a run with a share of lying volunteers (train deltas x -10, evals that
// claim every image) under each aggregation rule, with and without train replication, and the
// run's reported test accuracy beside the true accuracy of its final state, evaluated here.
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { datasetLayout } from '../../shared/dataset/index.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { evalTask } from '../tasks/run-task.ts';
import { simulateFleet, type FleetProgress } from './simulate-fleet.ts';

export interface ByzantineVariant {
  label: string;
  /** Share of volunteers that lie. */
  byzantine: number;
  fleet: Partial<RunConfig['fleet']>;
}

/** mnist-demo on 8,000 training images, its 1-1-1 seed net kept fixed (no growth), 16 epochs: seconds per run. */
export function byzantineBase(): RunConfig {
  const demo = presetConfig('mnist-demo');
  if (!demo.ok) throw new Error(`byzantineBase: ${demo.error}`);
  const { dataset, architecture } = demo.value;
  return { ...demo.value, name: 'byzantine-grid', dataset: { ...dataset, trainLimit: 8000 }, architecture: { ...architecture, maxDepths: [1, 1, 1] }, fineTune: { ...demo.value.fineTune, epochs: 16 } };
}

export const BYZANTINE_VARIANTS: readonly ByzantineVariant[] = [
  { label: 'all honest, mean', byzantine: 0, fleet: { aggregation: 'mean' } },
  { label: 'all honest, mean, replication 1', byzantine: 0, fleet: { aggregation: 'mean', trainReplication: 1 } },
  { label: 'all honest, mean, replication 0.25', byzantine: 0, fleet: { aggregation: 'mean', trainReplication: 0.25 } },
  { label: 'mean', byzantine: 0.25, fleet: { aggregation: 'mean' } },
  { label: 'mean, replication 0.25', byzantine: 0.25, fleet: { aggregation: 'mean', trainReplication: 0.25 } },
  { label: 'mean, replication 1', byzantine: 0.25, fleet: { aggregation: 'mean', trainReplication: 1 } },
  { label: 'norm-clip (max norm 5)', byzantine: 0.25, fleet: { aggregation: 'norm-clip', maxDeltaNorm: 5 } },
  { label: 'trimmed-mean 0.25', byzantine: 0.25, fleet: { aggregation: 'trimmed-mean', trimFraction: 0.25 } },
  { label: 'median', byzantine: 0.25, fleet: { aggregation: 'median' } },
  { label: 'median, replication 0.25', byzantine: 0.25, fleet: { aggregation: 'median', trainReplication: 0.25 } },
];

export interface ByzantineRow {
  label: string;
  byzantine: number;
  liars: number;
  /** As the run reports it (null: it gave up before the test eval). */
  reportedTestAcc: number | null;
  trueTestAcc: number;
  minutes: number;
  tasksReported: number;
  reportsRefused: number;
  rollbacks: number;
  doneReason: string | null;
}

export async function byzantineRow(config: RunConfig, source: DatasetSource, variant: ByzantineVariant, volunteers: number, onProgress?: FleetProgress): Promise<ByzantineRow> {
  const result = await simulateFleet(config, source, { volunteers, profile: 'uniform', churn: 0, byzantine: variant.byzantine, seed: 1, targetValAcc: 100, arrivalSeconds: 5, testEachEpoch: false }, onProgress);
  const layout = datasetLayout(config.dataset);
  const truth = await evalTask(result.state, layout.test.map((ref) => source.shard(ref)), { batchSize: 256, mean: [...layout.facts.mean], std: [...layout.facts.std] });
  return {
    label: variant.label, byzantine: variant.byzantine, liars: result.byzantineVolunteers, reportedTestAcc: result.testAcc,
    trueTestAcc: (100 * truth.correct) / truth.samples, minutes: result.seconds / 60, tasksReported: result.tasksReported,
    reportsRefused: result.reportsRefused, rollbacks: result.rollbacks, doneReason: result.report.run.doneReason,
  };
}

export function byzantineMarkdown(title: string, rows: readonly ByzantineRow[]): string {
  const fixed = (value: number | null) => (value === null ? 'none' : value.toFixed(2));
  const lines = rows.map((row) => `| ${row.label} | ${row.liars} | ${fixed(row.reportedTestAcc)} | ${fixed(row.trueTestAcc)} | ${row.minutes.toFixed(2)} | ${row.tasksReported} | ${row.reportsRefused} | ${row.rollbacks} | ${row.doneReason} |`);
  return [`### ${title}`, '', '| variant | liars | reported test acc (%) | true test acc (%) | simulated min | reports taken | reports refused | rollbacks | ended |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...lines, ''].join('\n');
}
