// What the dashboard reads: one run's progress (GET /api/runs/:id and its event stream) and the
// one-line summaries of GET /api/runs. Schemas, so every reader checks what it was sent.
import { z } from 'zod';
import { BUDGET_MEASURES } from '../config/budget.ts';
import type { GrowthLogEntry, Phase } from '../controller/types.ts';
import { DatasetViewSchema } from './dataset-view.ts';

export const PhaseSchema: z.ZodType<Phase> = z.enum(['growing', 'adam-init', 'fine-tuning', 'done']);
export const RunStatusSchema = z.enum(['running', 'paused', 'done']);
/** 'diverged': training kept breaking after every rollback the run allows. */
export const DoneReasonSchema = z.enum(['finished', 'cancelled', 'diverged']);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export type DoneReason = z.infer<typeof DoneReasonSchema>;

/** The controller declares the entry; this checks one that came over the wire. */
const stageEvent = { epoch: z.number().int().min(0), stage: z.number().int().min(0), depth: z.number().int().min(1) };
export const GrowthLogEntrySchema: z.ZodType<GrowthLogEntry> = z.union([
  z.object({ ...stageEvent, type: z.enum(['grow', 'freeze']) }),
  z.object({ ...stageEvent, type: z.literal('budget'), measure: z.enum(BUDGET_MEASURES), cost: z.number(), limit: z.number() }),
]);

export const EpochRecordSchema = z.object({
  epoch: z.number().int().min(0),
  phase: PhaseSchema,
  /** Percent, on the validation split. */
  valAcc: z.number(),
  trainLoss: z.number(),
  /** Percent, over the epoch's train reports. */
  trainAcc: z.number(),
  /** Train images of the epoch divided by its wall time on the coordinator's clock. */
  imagesPerSecond: z.number(),
  /** Train images the epoch's accepted reports passed over: the train split, once each. */
  samples: z.number().int().min(0),
  architecture: z.string(),
  seconds: z.number(),
  learningRate: z.number(),
});
export type EpochRecord = z.infer<typeof EpochRecordSchema>;

/** Something the run did to itself: a rollback to its last good version, or giving up. */
export const RunEventSchema = z.object({
  /** Epoch milliseconds. */
  at: z.number(),
  type: z.enum(['rollback', 'gave-up']),
  /** The epoch the run went back to (rollback) or was in (gave-up). */
  epoch: z.number().int().min(0),
  reason: z.string(),
  /** What every learning rate is multiplied by from now on. */
  learningRateScale: z.number().positive(),
});
export type RunEvent = z.infer<typeof RunEventSchema>;

export const VolunteerViewSchema = z.object({
  id: z.string(),
  backend: z.string(),
  /** Epoch milliseconds of its latest lease, release or report. */
  lastSeen: z.number(),
  samples: z.number().int().min(0),
  reports: z.number().int().min(0),
  /** Replicated results of its that agreed with other volunteers', and that did not. */
  agreements: z.number().int().min(0),
  strikes: z.number().int().min(0),
});
export type VolunteerView = z.infer<typeof VolunteerViewSchema>;

export const WorkViewSchema = z.object({
  kind: z.enum(['train', 'eval', 'adam-init', 'none']),
  split: z.enum(['train', 'val', 'test']).nullable(),
  round: z.number().int().min(0),
  rounds: z.number().int().min(0),
  tasksDone: z.number().int().min(0),
  tasksTotal: z.number().int().min(0),
});
export type WorkView = z.infer<typeof WorkViewSchema>;

export const RunProgressSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The group of runs (a study) it was submitted with; null on its own. */
  group: z.string().nullable(),
  status: RunStatusSchema,
  doneReason: DoneReasonSchema.nullable(),
  phase: PhaseSchema,
  /** Epochs finished. */
  epoch: z.number().int().min(0),
  version: z.number().int().min(0),
  architecture: z.object({
    name: z.string(),
    family: z.string(),
    depths: z.array(z.number().int()),
    widths: z.array(z.number().int()),
    maxDepths: z.array(z.number().int()),
  }),
  dataset: DatasetViewSchema,
  circle: z.array(z.number().int()),
  learningRate: z.number(),
  history: z.array(EpochRecordSchema),
  log: z.array(GrowthLogEntrySchema),
  events: z.array(RunEventSchema),
  /** Volunteers seen within the last lease timeout, the most recently seen first (at most 50 listed). */
  volunteers: z.array(VolunteerViewSchema),
  /** All the volunteers seen within the last lease timeout. */
  activeVolunteers: z.number().int().min(0),
  /** Leases out, backup copies included. */
  tasksInFlight: z.number().int().min(0),
  samplesProcessed: z.number().int().min(0),
  /**
   * The train rounds' gradient noise scale in tasks: about how many tasks a round can use well
   * (shared/run/noise-scale.ts); null until measured, or while the signal is lost in the noise.
   */
  noiseScale: z.number().min(0).nullable(),
  work: WorkViewSchema,
  /** Train shards of the current epoch: aggregated (or reported in the round in flight) and total. */
  epochProgress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  bestValAcc: z.number().nullable(),
  testAcc: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RunProgress = z.infer<typeof RunProgressSchema>;

export const RunSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  status: RunStatusSchema,
  phase: PhaseSchema,
  architecture: z.string(),
  epoch: z.number().int().min(0),
  volunteers: z.number().int().min(0),
  /** As in RunProgress: about how many tasks (so volunteers) a round can use well; null until measured. */
  noiseScale: z.number().min(0).nullable(),
  /** As in RunProgress: train shards of the current epoch done, of all. */
  epochProgress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  bestValAcc: z.number().nullable(),
  testAcc: z.number().nullable(),
  createdAt: z.number(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunListSchema = z.object({ runs: z.array(RunSummarySchema) });
