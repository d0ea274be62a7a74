// One finished run as a study keeps it (its result file): the config, the found network with its
// counts, the accuracies, the growth log, the per-epoch history and how busy the machine was.
import { z } from 'zod';
import { RunConfigSchema } from '../../shared/config/run-config.ts';
import type { RunReport } from '../../shared/export/run-report.ts';
import { EpochRecordSchema, GrowthLogEntrySchema } from '../../shared/protocol/index.ts';

const RunPlaceSchema = z.object({
  /** "in-process", or the coordinator's URL. */
  where: z.string(),
  backend: z.string(),
  /** 1-minute load average when the run started and ended; null where it ran on a fleet. */
  loadBefore: z.number().nullable(),
  loadAfter: z.number().nullable(),
  cpus: z.number().int().nullable(),
});
export type RunPlace = z.infer<typeof RunPlaceSchema>;

export const RunResultSchema = z.object({
  /** The config's key (run-key.ts): equal keys are the same run, whichever study asked for it. */
  key: z.string(),
  config: RunConfigSchema,
  foundNet: z.string(),
  depths: z.array(z.number().int()),
  parameters: z.number().int(),
  multiplyAccumulates: z.number().int(),
  testAcc: z.number().nullable(),
  bestValAcc: z.number().nullable(),
  /** Epochs trained, growing and fine-tune together. */
  epochs: z.number().int(),
  growingEpochs: z.number().int(),
  wallSeconds: z.number(),
  growth: z.array(GrowthLogEntrySchema),
  history: z.array(EpochRecordSchema.pick({ epoch: true, phase: true, architecture: true, valAcc: true, trainAcc: true, trainLoss: true, seconds: true })),
  place: RunPlaceSchema,
  finishedAt: z.string(),
});
export type RunResult = z.output<typeof RunResultSchema>;

/** The one place a study reads a run report. */
export function resultFromReport(key: string, report: RunReport, place: RunPlace): RunResult {
  const { name, depths, counts } = report.finalArchitecture;
  return {
    key,
    config: report.config,
    foundNet: name,
    depths: [...depths],
    parameters: counts.parameters,
    multiplyAccumulates: counts.multiplyAccumulates,
    testAcc: report.testAcc,
    bestValAcc: report.bestValAcc,
    epochs: report.history.length,
    growingEpochs: report.history.filter((record) => record.phase === 'growing').length,
    wallSeconds: report.wallSeconds,
    growth: report.growth.map((entry) => ({ ...entry })),
    history: report.history.map(({ epoch, phase, architecture, valAcc, trainAcc, trainLoss, seconds }) => ({ epoch, phase, architecture, valAcc, trainAcc, trainLoss, seconds })),
    place,
    finishedAt: report.run.updatedAt,
  };
}
