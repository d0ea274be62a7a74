// What a run asks of the one Durable Object that holds it, checked from the config alone before
// anything is allocated: the dataset layout, the model state and the buffers of a round close,
// and a round large enough for the aggregation rule's promise.
import { shortRoundProblem } from '../aggregate/rule-promise.ts';
import { tensorSpecs, tensorSize } from '../architecture/parameters.ts';
import { datasetFacts, type DatasetFacts } from '../dataset/facts.ts';
import { datasetLayout } from '../dataset/layout.ts';
import { runArchitecture } from './run-architecture.ts';
import type { RunConfig } from './run-config.ts';

const MB = 1e6;
/** Memory of one Durable Object, per Cloudflare's limits. */
export const DURABLE_OBJECT_MEMORY_BYTES = 128 * MB;
/** What the run's own buffers may take of it: the rest is the isolate's code, JSON and garbage not yet collected. */
export const RUN_MEMORY_BYTES = 96 * MB;
/** Coordinates per chunk of a stored delta: what a robust rule reads of every report at once. */
const CHUNK_COORDINATES = 65536;
/** An eval round leases one task per shard of its split, each a row and an object in memory. */
export const MAX_SHARDS_PER_SPLIT = 16_384;

/** Bytes of a run's model state at `depths`: parameters and BN statistics, float32 (momentum stays with the volunteers). */
export function stateBytes(config: RunConfig, facts: DatasetFacts, depths: readonly number[]): number {
  const specs = tensorSpecs(runArchitecture(config, facts, depths));
  return 4 * specs.reduce((sum, spec) => sum + tensorSize(spec.shape), 0);
}

/**
 * Peak bytes the round in flight holds, whatever its size (shared/run/round-aggregate.ts): the
 * state and, with outer momentum, its buffer all along; the running sum (float64, two states) and
 * a report decoded beside it while a report is accepted; at the close, the combined delta, a new
 * outer buffer, the new state and its encoded shards. The robust rules keep no sum: they read one
 * chunk of every stored report at a time.
 */
export function roundCloseBytes(config: RunConfig, state: number): number {
  const outer = config.fleet.outer.momentum > 0 ? 1 : 0;
  const robust = config.fleet.aggregation === 'trimmed-mean' || config.fleet.aggregation === 'median';
  const sum = robust ? 0 : 2;
  const accepting = (1 + outer + sum + 1) * state;
  const closing = (1 + outer + 1 + outer + 1 + 1) * state + (robust ? config.fleet.roundSize * CHUNK_COORDINATES * 4 : 0);
  return Math.max(accepting, closing);
}

/** Whether a run at `depths` still fits its object once `stage` has one more sub-module. */
export function growthFits(config: RunConfig, depths: readonly number[], stage: number): boolean {
  const grown = depths.with(stage, depths[stage]! + 1);
  return roundCloseBytes(config, stateBytes(config, datasetFacts(config.dataset), grown)) <= RUN_MEMORY_BYTES;
}

const megabytes = (bytes: number): string => (bytes >= 1000 * MB ? `${(bytes / (1000 * MB)).toFixed(1)} GB` : `${(bytes / MB).toFixed(1)} MB`);

function layoutProblem(config: RunConfig, facts: DatasetFacts): string | null {
  const { trainLimit, shardSize } = config.dataset;
  const used = Math.min(trainLimit ?? facts.trainSize, facts.trainSize);
  // Upper bounds, from sizes alone: the layout itself is built only once they are known to be small.
  for (const [split, images] of [['train and val', used], ['test', facts.testSize]] as const) {
    const shards = Math.ceil(images / shardSize);
    if (shards > MAX_SHARDS_PER_SPLIT) {
      return `dataset: ${images} ${split} images in shards of ${shardSize} are ${shards} shards, a run holds at most ${MAX_SHARDS_PER_SPLIT} per split (raise dataset.shardSize or lower dataset.trainLimit)`;
    }
  }
  return null;
}

function stateProblem(config: RunConfig, facts: DatasetFacts): string | null {
  const { seedDepths, widths, maxDepths } = config.architecture;
  const state = stateBytes(config, facts, seedDepths);
  const close = roundCloseBytes(config, state);
  if (close <= RUN_MEMORY_BYTES) {
    const canGrow = seedDepths.some((depth, stage) => depth < maxDepths[stage]! && growthFits(config, seedDepths, stage));
    if (canGrow || seedDepths.every((depth, stage) => depth >= maxDepths[stage]!)) return null;
    return `architecture: the seed network ${seedDepths.join('-')} fits, but one more sub-module in any stage would not (a round needs ${RUN_MEMORY_BYTES / MB} MB at most), so it could never grow: lower widths, or set maxDepths to seedDepths`;
  }
  const where = `state at seed depths ${seedDepths.join('-')} x widths ${widths.join('-')}: ${megabytes(state)} (parameters and BN statistics, float32)`;
  return `architecture: ${where}; a round holds ${megabytes(close)} at its peak (state, running sum, new state and its shards), and a Durable Object holds ${DURABLE_OBJECT_MEMORY_BYTES / MB} MB (${RUN_MEMORY_BYTES / MB} MB of it for the run): lower widths or seedDepths`;
}

/**
 * A round must be able to hold as many tasks as the rule needs: fleet.roundSize allows it, and an
 * epoch has that many. (The run driver sizes every round, the last of an epoch too, to at least
 * that many: shared/run/round-size.ts.)
 */
function roundRuleProblem(config: RunConfig): string | null {
  const { aggregation, trimFraction, roundSize, shardsPerTask } = config.fleet;
  const epochTasks = Math.ceil(datasetLayout(config.dataset).train.length / shardsPerTask);
  const got = roundSize <= epochTasks ? `but fleet.roundSize is ${roundSize}` : `but an epoch has only ${epochTasks} train tasks (shards / fleet.shardsPerTask)`;
  const problem = shortRoundProblem(aggregation, trimFraction, Math.min(roundSize, epochTasks), got);
  return problem && `fleet: ${problem}`;
}

/** Why the run cannot fit one Durable Object, with the numbers; null when it can. */
export function capacityProblem(config: RunConfig): string | null {
  const facts = datasetFacts(config.dataset);
  return layoutProblem(config, facts) ?? stateProblem(config, facts) ?? roundRuleProblem(config);
}
