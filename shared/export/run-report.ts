// The run report (report.json): config, per-epoch history, growth events, the final architecture
// with its counts against the budget, test accuracy, wall time and samples processed, from a run's
// progress and config.
import type { RunConfig } from '../config/run-config.ts';
import type { GrowthLogEntry } from '../controller/types.ts';
import type { DoneReason, EpochRecord, RunProgress, RunStatus } from '../protocol/progress.ts';
import { budgetRecord, type BudgetRecord } from './budget-record.ts';
import { architectureCounts, progressArchitecture, type ArchitectureCounts } from './progress-architecture.ts';

export interface RunReport {
  run: { id: string; name: string; status: RunStatus; doneReason: DoneReason | null; createdAt: string; updatedAt: string };
  /** As the run was created (GET /api/runs/:id/config), defaults filled in. */
  config: RunConfig;
  history: EpochRecord[];
  growth: GrowthLogEntry[];
  finalArchitecture: {
    name: string;
    family: string;
    depths: number[];
    widths: number[];
    counts: ArchitectureCounts;
  };
  /** The run's cost budget, the final network's share of each limit and the stages stopped at it. */
  budget: BudgetRecord;
  epochs: number;
  bestValAcc: number | null;
  testAcc: number | null;
  /** Creation to the last update, pauses included. */
  wallSeconds: number;
  /** Sum of the epochs' wall times: the time the fleet spent training and validating. */
  epochSeconds: number;
  samplesProcessed: number;
}

export function runReport(progress: RunProgress, config: RunConfig): RunReport {
  const { name, family, depths, widths } = progress.architecture;
  const counts = architectureCounts(progressArchitecture(progress));
  return {
    run: {
      id: progress.id,
      name: progress.name,
      status: progress.status,
      doneReason: progress.doneReason,
      createdAt: new Date(progress.createdAt).toISOString(),
      updatedAt: new Date(progress.updatedAt).toISOString(),
    },
    config,
    history: progress.history.map((record) => ({ ...record })),
    growth: progress.log.map((entry) => ({ ...entry })),
    finalArchitecture: {
      name,
      family,
      depths: [...depths],
      widths: [...widths],
      counts,
    },
    budget: budgetRecord(config.budget, counts, progress.log),
    epochs: progress.epoch,
    bestValAcc: progress.bestValAcc,
    testAcc: progress.testAcc,
    wallSeconds: Math.max(0, (progress.updatedAt - progress.createdAt) / 1000),
    epochSeconds: progress.history.reduce((sum, record) => sum + record.seconds, 0),
    samplesProcessed: progress.samplesProcessed,
  };
}
