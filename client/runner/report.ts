// The run report the in-process runner writes: per-epoch history, growth events, the final
// architecture with its counts, and test accuracy.
import type { GrowthLogEntry } from '../../shared/controller/types.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';

export interface EpochRecord {
  epoch: number;
  phase: 'growing' | 'fine-tuning';
  architecture: string;
  learningRate: number;
  valAcc: number;
  trainAcc: number;
  trainLoss: number;
  samples: number;
  imagesPerSecond: number;
  seconds: number;
}

export interface RunReport {
  config: RunConfig;
  history: EpochRecord[];
  log: GrowthLogEntry[];
  finalArchitecture: string;
  depths: number[];
  parameters: number;
  multiplyAccumulates: number;
  testAcc: number | null;
  samplesProcessed: number;
  wallSeconds: number;
  backend: string;
}
