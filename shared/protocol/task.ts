// What a lease hands a volunteer: one task (train, eval, adam-init), or wait, or done.
import { z } from 'zod';
import { DELTA_ENCODINGS } from '../delta/codec.ts';
import { VolunteerKeySchema } from './volunteer-key.ts';

/** Encodings the run takes for the report's delta, its preference first. */
const Encodings = z.array(z.enum(DELTA_ENCODINGS)).min(1);

export const ShardTargetSchema = z.object({
  split: z.enum(['train', 'val', 'test']),
  index: z.number().int().min(0),
  count: z.number().int().min(1),
  /** Relative URL of the shard file, served as a static asset next to the client page. */
  url: z.string().min(1),
});
export type ShardTarget = z.infer<typeof ShardTargetSchema>;

export const NormalizationSchema = z.object({ mean: z.array(z.number()), std: z.array(z.number().positive()) });

/** Fields every leased task carries: which lease it is and where its starting state lives. */
const LeasedFields = {
  taskId: z.string(),
  runId: z.string(),
  version: z.number().int().min(0),
  /** HMAC-signed; echo it in the report header. */
  leaseToken: z.string(),
  /** Epoch milliseconds; a report after it is refused. */
  deadline: z.number().int(),
  /** Manifest of the starting state: GET this, then each shard's url. */
  stateUrl: z.string(),
  shards: z.array(ShardTargetSchema).min(1),
  batchSize: z.number().int().min(1),
  normalization: NormalizationSchema,
};

export const HyperparametersSchema = z.object({
  learningRate: z.number().positive(),
  momentum: z.number().min(0),
  weightDecay: z.number().min(0),
});

export const TrainTaskSchema = z.object({
  kind: z.literal('train'),
  ...LeasedFields,
  epoch: z.number().int().min(0),
  round: z.number().int().min(0),
  /** Seed the shuffle and augmentation of each shard, in order, in this epoch. */
  seeds: z.array(z.number().int()).min(1),
  hyper: HyperparametersSchema,
  augment: z.boolean(),
  encodings: Encodings,
  /** A delta over this L2 norm is refused: the volunteer reports its training diverged instead (null: the run clips). */
  maxDeltaNorm: z.number().positive().nullable(),
  /**
   * Compute the delta from the task alone: SGD momentum from zero and no error feedback, so two
   * honest volunteers on one backend report the same bytes. Set on every train task of a run that
   * replicates train tasks, so a volunteer cannot tell which of its tasks are checked.
   */
  reproducible: z.boolean(),
});

export const EvalTaskSchema = z.object({
  kind: z.literal('eval'),
  ...LeasedFields,
  split: z.enum(['val', 'test']),
});

/** AdamInit: train only the last BN (gamma, beta) of the newest block of each stage with Adam. */
export const AdamInitTaskSchema = z.object({
  kind: z.literal('adam-init'),
  ...LeasedFields,
  stages: z.array(z.number().int().min(0)),
  learningRate: z.number().positive(),
  seeds: z.array(z.number().int()).min(1),
  augment: z.boolean(),
  encodings: Encodings,
  /** A delta over this L2 norm is refused: the volunteer reports its training diverged instead (null: the run clips). */
  maxDeltaNorm: z.number().positive().nullable(),
});

/** Ask again in `seconds`; 0 after the coordinator already held the request that long. */
export const WaitTaskSchema = z.object({ kind: z.literal('wait'), seconds: z.number().min(0) });
export const DoneTaskSchema = z.object({ kind: z.literal('done'), reason: z.enum(['finished', 'cancelled', 'diverged']) });

export const TaskSchema = z.discriminatedUnion('kind', [TrainTaskSchema, EvalTaskSchema, AdamInitTaskSchema, WaitTaskSchema, DoneTaskSchema]);

export type TrainTask = z.infer<typeof TrainTaskSchema>;
export type EvalTask = z.infer<typeof EvalTaskSchema>;
export type AdamInitTask = z.infer<typeof AdamInitTaskSchema>;
export type WaitTask = z.infer<typeof WaitTaskSchema>;
export type DoneTask = z.infer<typeof DoneTaskSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type LeasedTask = TrainTask | EvalTask | AdamInitTask;

export const LeaseRequestSchema = z.object({
  volunteerKey: VolunteerKeySchema,
  /** e.g. "webgpu", "wasm", "node-wasm": shown on the dashboard. */
  backend: z.string().min(1).max(32),
  /** false: answer at once even with no work to give (a stopping volunteer asking what it holds). */
  hold: z.boolean().optional(),
});
export type LeaseRequest = z.infer<typeof LeaseRequestSchema>;

export const ReleaseRequestSchema = z.object({ leaseToken: z.string().min(1).max(512), volunteerKey: VolunteerKeySchema });
export type ReleaseRequest = z.infer<typeof ReleaseRequestSchema>;
