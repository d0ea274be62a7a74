// The run report (report.json): config, per-epoch history, growth events, the final architecture
// with its counts, test accuracy, wall time and samples processed, from a run's progress.
import type { RunConfig } from '../config/run-config.ts';
import type { GrowthLogEntry } from '../controller/types.ts';
import type { DoneReason, EpochRecord, RunProgress, RunStatus } from '../protocol/progress.ts';
import { architectureCounts, configNetworkShape, progressArchitecture, type ArchitectureCounts, type NetworkShape } from './progress-architecture.ts';

export interface RunReport {
  run: { id: string; name: string; status: RunStatus; doneReason: DoneReason | null; createdAt: string; updatedAt: string };
  /** Null when the coordinator does not expose the config. */
  config: RunConfig | null;
  history: EpochRecord[];
  growth: GrowthLogEntry[];
  finalArchitecture: {
    name: string;
    family: string;
    depths: number[];
    widths: number[];
    /** Null when neither the config nor a state manifest told the input shape and classes. */
    counts: ArchitectureCounts | null;
  };
  epochs: number;
  bestValAcc: number | null;
  testAcc: number | null;
  /** Creation to the last update, pauses included. */
  wallSeconds: number;
  /** Sum of the epochs' wall times: the time the fleet spent training and validating. */
  epochSeconds: number;
  samplesProcessed: number;
}

export interface ReportSources {
  config?: RunConfig;
  /** The input shape and classes, e.g. from a state manifest; the config's dataset tells them too. */
  shape?: NetworkShape;
}

export function runReport(progress: RunProgress, sources: ReportSources = {}): RunReport {
  const shape = sources.shape ?? (sources.config ? configNetworkShape(sources.config) : null);
  const { name, family, depths, widths } = progress.architecture;
  return {
    run: {
      id: progress.id,
      name: progress.name,
      status: progress.status,
      doneReason: progress.doneReason,
      createdAt: new Date(progress.createdAt).toISOString(),
      updatedAt: new Date(progress.updatedAt).toISOString(),
    },
    config: sources.config ?? null,
    history: progress.history.map((record) => ({ ...record })),
    growth: progress.log.map((entry) => ({ ...entry })),
    finalArchitecture: {
      name,
      family,
      depths: [...depths],
      widths: [...widths],
      counts: shape ? architectureCounts(progressArchitecture(progress, shape)) : null,
    },
    epochs: progress.epoch,
    bestValAcc: progress.bestValAcc,
    testAcc: progress.testAcc,
    wallSeconds: Math.max(0, (progress.updatedAt - progress.createdAt) / 1000),
    epochSeconds: progress.history.reduce((sum, record) => sum + record.seconds, 0),
    samplesProcessed: progress.samplesProcessed,
  };
}
