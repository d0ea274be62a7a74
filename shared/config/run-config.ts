// The run config: one zod schema for everything an operator can set, with the paper's values
// (reference/autogrow-notes.md) as defaults.
import { z } from 'zod';
import { configObject } from './config-object.ts';
import { FAMILIES, FAMILY_TRAITS, InputShapeSchema } from '../architecture/spec.ts';
import { DELTA_ENCODINGS } from '../delta/codec.ts';
import { fail, issuesMessage, ok, type Result } from '../result/index.ts';
import { BudgetConfigSchema, seedOverBudget } from './budget.ts';

export const DATASETS = ['mnist', 'fashion-mnist', 'cifar10', 'cifar100', 'svhn', 'synthetic'] as const;
export type DatasetName = (typeof DATASETS)[number];

export const INITIALIZERS = ['ZeroInit', 'AdamInit', 'UniInit', 'GauInit'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

export const AGGREGATION_RULES = ['mean', 'trimmed-mean', 'median', 'norm-clip'] as const;
export type AggregationRule = (typeof AGGREGATION_RULES)[number];

const fraction = z.number().gt(0).lt(1);

export const DatasetConfigSchema = configObject({
  name: z.enum(DATASETS).default('mnist'),
  /** Use only the first N training images (the paper's subsampling study); null = all. */
  trainLimit: z.number().int().min(1).nullable().default(null),
  /** Held out from the training set to drive the stop policy (the official code uses the test split; we do not). */
  validationFraction: fraction.default(0.1),
  /** Images per data shard: the unit of work a train task passes over. */
  shardSize: z.number().int().min(1).max(65536).default(2048),
  /** Only for 'synthetic': image shape and number of classes of the generated data. */
  synthetic: z
    .object({ input: InputShapeSchema, classes: z.number().int().min(2).max(256), trainSize: z.number().int().min(1), testSize: z.number().int().min(1) })
    .optional(),
});

export const ArchitectureConfigSchema = configObject({
  family: z.enum(FAMILIES).default('Basic3ResNet'),
  widths: z.array(z.number().int().min(1).max(4096)).min(3).max(4).default([16, 32, 64]),
  /** The seed network: one sub-module per stage. */
  seedDepths: z.array(z.number().int().min(1).max(1000)).min(3).max(4).default([1, 1, 1]),
  maxDepths: z.array(z.number().int().min(1).max(1000)).min(3).max(4).default([200, 200, 200]),
});

export const GrowthConfigSchema = configObject({
  /** periodic: grow every K epochs (p-AutoGrow); convergent: grow when the gain over K epochs is below tau (c-AutoGrow). */
  policy: z.enum(['periodic', 'convergent']).default('periodic'),
  /** K. The official code defaults to 1; the paper's CIFAR runs use 3. */
  interval: z.number().int().min(1).max(10000).default(3),
  /** group: one stage at a time, round-robin over the circular list; all: every growable stage at once. */
  mode: z.enum(['group', 'all']).default('group'),
  initializer: z.enum(INITIALIZERS).default('GauInit'),
  /** Std of GauInit, upper bound of UniInit. */
  initScale: z.number().positive().max(100).default(1.0),
  /** Cap on the epochs of the growing phase. */
  maxGrowingEpochs: z.number().int().min(1).max(100000).default(4000),
});

export const StopConfigSchema = configObject({
  /** Minimum gain of the moving-max validation accuracy, in accuracy points (percent). */
  tau: z.number().min(0).max(100).default(0.05),
  /** J: epochs the gain is measured over. The paper sets J to the epochs a baseline spends at its largest LR. */
  window: z.number().int().min(1).max(100000).default(100),
  /** What the gain is measured on: moving maximum of valAcc, or the official "avg" (EMA, decay 0.95, from 0). */
  metric: z.enum(['max', 'ema']).default('max'),
});

export const OptimizerConfigSchema = configObject({
  /** Constant during growth. Default: 0.1 for ResNets, 0.01 for plain nets (the paper's baselines). */
  learningRate: z.number().positive().max(10).optional(),
  momentum: z.number().min(0).lt(1).default(0.9),
  weightDecay: z.number().min(0).max(1).default(5e-4),
  batchSize: z.number().int().min(1).max(4096).default(128),
});

export const FineTuneConfigSchema = configObject({
  epochs: z.number().int().min(0).max(10000).default(200),
  /** LR steps as fractions of the fine-tune epochs: x lrFactor at 1/2 and 3/4 (CIFAR). */
  lrSteps: z.array(fraction).default([0.5, 0.75]),
  lrFactor: z.number().gt(0).lt(1).default(0.1),
});

export const FleetConfigSchema = configObject({
  /**
   * Most train tasks in one round. A round gets one task for each volunteer at work, up to this,
   * and takes on one more for each volunteer that comes before its first report.
   */
  roundSize: z.number().int().min(1).max(1024).default(32),
  /**
   * How wide a round may grow: 'fleet', a task for each volunteer at work (up to roundSize);
   * 'noise-scale', also no wider than the gradient noise scale measured from the run's own rounds
   * (shared/run/noise-scale.ts), so volunteers join where another task still buys progress and the
   * rest can train other runs. The default: at 32 volunteers on mnist-demo it kept more accuracy
   * than rounds as wide as the fleet (docs/fleet/README.md).
   */
  roundWidth: z.enum(['fleet', 'noise-scale']).default('noise-scale'),
  /** Train shards one task passes over before its volunteer reports: the communication period. */
  shardsPerTask: z.number().int().min(1).max(1024).default(1),
  /** Share of a round's tasks whose reports let it close before the last one (1: wait for all). */
  quorum: z.number().gt(0).max(1).default(1),
  /** Once at quorum, a round waits at most this many times as long again as it took to get there. */
  quorumGrace: z.number().min(0).max(100).default(0.5),
  /** Extra copies of an unreported task handed to idle volunteers; the first valid report wins. */
  backups: z.number().int().min(0).max(4).default(1),
  /**
   * Distinct volunteers whose eval results must agree before the run takes one: validation and test
   * accuracy steer the run, and one volunteer's word is whatever it claims (BOINC's quorum).
   */
  evalReplicas: z.number().int().min(1).max(3).default(2),
  /** Share of train tasks done by two volunteers whose deltas must agree; a volunteer with a strike gets all its tasks checked. */
  trainReplication: z.number().min(0).max(1).default(0),
  /**
   * Two replicas agree when their eval counts differ by at most this share of the images (at least
   * one image), or their deltas by at most this relative L2 distance: one engine computes the same
   * bits for a task; WebGPU and WASM differ in the last bits of every sum.
   */
  replicaTolerance: z.number().gt(0).max(1).default(0.01),
  leaseSeconds: z.number().int().min(5).max(86400).default(300),
  aggregation: z.enum(AGGREGATION_RULES).default('mean'),
  /** Fraction cut from each end per coordinate by 'trimmed-mean'. */
  trimFraction: z.number().min(0).lt(0.5).default(0.1),
  /** Reports whose delta L2 norm exceeds this are refused; 'norm-clip' clips to it instead. */
  maxDeltaNorm: z.number().positive().default(1000),
  /**
   * Encodings a report's delta may use, the run's preference first (lossy ones with error
   * feedback). Blockwise int8 first: an eighth of float32 weights + momentum, and as accurate in
   * the fleet measurements (docs/fleet/README.md).
   */
  deltaEncodings: z.array(z.enum(DELTA_ENCODINGS)).min(1).default(['int8', 'f16', 'f32']),
  /**
   * The inner learning rate of a round of n train tasks: times sqrt(n) or n ('none': the run's
   * rate whatever the round), at most maxFactor, reached by a linear warm-up over the first
   * warmupEpochs epochs of samples. A round of one task always trains at the run's rate.
   */
  innerScaling: configObject({
    rule: z.enum(['none', 'sqrt', 'linear']).default('none'),
    maxFactor: z.number().min(1).max(1024).default(4),
    warmupEpochs: z.number().min(0).max(1000).default(1),
  }).default({ rule: 'none', maxFactor: 4, warmupEpochs: 1 }),
  /**
   * The outer optimizer applied to a round's combined delta (DiLoCo): learning rate 1 without
   * momentum is plain averaging; DiLoCo uses 0.7 with Nesterov momentum 0.9.
   */
  outer: configObject({
    learningRate: z.number().positive().max(10).default(1),
    /**
     * How the learning rate follows the n reports a round combines: 'none' keeps it, 'sqrt' and
     * 'linear' multiply it by sqrt(n) or n (a mean of n deltas moves about as far as one; their sum
     * as far as n in a row). A round of one report moves by that report alone whatever the scaling.
     */
    scaling: z.enum(['none', 'sqrt', 'linear']).default('none'),
    momentum: z.number().min(0).lt(1).default(0),
    nesterov: z.boolean().default(false),
  }).refine((outer) => !outer.nesterov || outer.momentum > 0, { message: 'nesterov needs a positive momentum' })
    .default({ learningRate: 1, scaling: 'none', momentum: 0, nesterov: false }),
});

const RunConfigShape = configObject({
  name: z.string().min(1).max(100).default('autogrow-run'),
  /** Runs submitted together (a study): the dashboard lists a group's runs side by side. null: on its own. */
  group: z.string().min(1).max(100).nullable().default(null),
  /** Volunteers that name no run go to the runs of highest priority that have room first (shared/assign). */
  priority: z.number().int().min(0).max(1000).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  dataset: DatasetConfigSchema.default(DatasetConfigSchema.parse({})),
  architecture: ArchitectureConfigSchema.default(ArchitectureConfigSchema.parse({})),
  growth: GrowthConfigSchema.default(GrowthConfigSchema.parse({})),
  stop: StopConfigSchema.default(StopConfigSchema.parse({})),
  optimizer: OptimizerConfigSchema.default(OptimizerConfigSchema.parse({})),
  fineTune: FineTuneConfigSchema.default(FineTuneConfigSchema.parse({})),
  fleet: FleetConfigSchema.default(FleetConfigSchema.parse({})),
  /** Growth stops at the cost budget: a stage whose next sub-module would break it leaves the circle. */
  budget: BudgetConfigSchema.default(BudgetConfigSchema.parse({})),
});

export const RunConfigSchema = RunConfigShape.superRefine((config, ctx) => {
  const { family, widths, seedDepths, maxDepths } = config.architecture;
  const stages = FAMILY_TRAITS[family].stages;
  for (const [key, list] of [['widths', widths], ['seedDepths', seedDepths], ['maxDepths', maxDepths]] as const) {
    if (list.length !== stages) {
      ctx.addIssue({ code: 'custom', path: ['architecture', key], message: `${family} has ${stages} stages, so ${key} needs ${stages} entries, got ${list.length}` });
    }
  }
  seedDepths.forEach((seed, stage) => {
    const max = maxDepths[stage];
    if (max !== undefined && seed > max) {
      ctx.addIssue({ code: 'custom', path: ['architecture', 'seedDepths', stage], message: `seed depth ${seed} of stage ${stage} exceeds its max depth ${max}` });
    }
  });
  if (config.dataset.name === 'synthetic' && !config.dataset.synthetic) {
    ctx.addIssue({ code: 'custom', path: ['dataset', 'synthetic'], message: 'dataset "synthetic" needs dataset.synthetic { input, classes, trainSize, testSize }' });
  }
}).superRefine((config, ctx) => {
  for (const { measure, message } of seedOverBudget(config)) ctx.addIssue({ code: 'custom', path: ['budget', measure], message });
}, {
  // The seed's counts need the well-formed architecture and dataset the checks above ask for.
  when: (payload) => payload.issues.length === 0,
}).transform((config) => ({
  ...config,
  optimizer: {
    ...config.optimizer,
    learningRate: config.optimizer.learningRate ?? (FAMILY_TRAITS[config.architecture.family].residual ? 0.1 : 0.01),
  },
}));

export type RunConfigInput = z.input<typeof RunConfigSchema>;
export type RunConfig = z.output<typeof RunConfigSchema>;

/** Validates a config; the error names each bad field and what it allows. */
export function parseRunConfig(input: unknown): Result<RunConfig> {
  const result = RunConfigSchema.safeParse(input);
  return result.success ? ok(result.data) : fail(issuesMessage(result.error, '(config)'));
}
