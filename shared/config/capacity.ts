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
/**
 * State-sized buffers a round close holds beside the round's decoded deltas: the current state,
 * the combined delta, the new state, its encoded bundle and the bundle cut into shards.
 */
export const STATE_BUFFERS_AT_CLOSE = 5;
/** An eval round leases one task per shard of its split, each a row and an object in memory. */
export const MAX_SHARDS_PER_SPLIT = 16_384;

/** Bytes of a model state at `depths`: parameters, BN statistics and momentum, float32. */
export function stateBytes(config: RunConfig, facts: DatasetFacts, depths: readonly number[]): number {
  const specs = tensorSpecs(runArchitecture(config, facts, depths));
  const floats = specs.reduce((sum, spec) => sum + tensorSize(spec.shape) * (spec.trainable ? 2 : 1), 0);
  return 4 * floats;
}

/** Peak bytes of a round close: every delta of the round decoded, and the state-sized buffers beside them. */
export function roundCloseBytes(config: RunConfig, state: number): number {
  return (config.fleet.roundSize + STATE_BUFFERS_AT_CLOSE) * state;
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
    return `architecture: the seed network ${seedDepths.join('-')} fits, but one more sub-module in any stage would not (a round close needs ${RUN_MEMORY_BYTES / MB} MB at most), so it could never grow: lower widths or fleet.roundSize, or set maxDepths to seedDepths`;
  }
  const where = `state at seed depths ${seedDepths.join('-')} x widths ${widths.join('-')}: ${megabytes(state)} (parameters, BN statistics, momentum, float32)`;
  return `architecture: ${where}; a round close holds the round's ${config.fleet.roundSize} deltas and ${STATE_BUFFERS_AT_CLOSE} more state-sized buffers, ${megabytes(close)}, and a Durable Object holds ${DURABLE_OBJECT_MEMORY_BYTES / MB} MB (${RUN_MEMORY_BYTES / MB} MB of it for the run): lower widths, seedDepths or fleet.roundSize`;
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
