import { describe, expect, it } from 'vitest';
import { datasetFacts } from '../dataset/facts.ts';
import { initialModelState } from '../init/initial-state.ts';
import { capacityProblem, growthFits, MAX_SHARDS_PER_SPLIT, roundCloseBytes, RUN_MEMORY_BYTES, stateBytes } from './capacity.ts';
import { PRESET_NAMES, presetConfig } from './presets.ts';
import { runArchitecture } from './run-architecture.ts';
import { parseRunConfig, type RunConfig, type RunConfigInput } from './run-config.ts';

function config(input: RunConfigInput): RunConfig {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const preset = (name: string): RunConfig => {
  const parsed = presetConfig(name);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

const tinyData = preset('tiny').dataset;

describe('stateBytes', () => {
  it.each([
    [{ family: 'Basic3ResNet', widths: [4, 8, 8] }, [2, 1, 3]],
    [{ family: 'Bottleneck4ResNet', widths: [4, 4, 8, 8] }, [1, 2, 1, 1]],
    [{ family: 'Plain3Net', widths: [8, 8, 16] }, [3, 1, 1]],
  ] as const)('is 4 bytes per float of the real initial state (%j at depths %j)', (architecture, depths) => {
    const run = config({ dataset: tinyData, architecture: { family: architecture.family, widths: [...architecture.widths], seedDepths: [...depths], maxDepths: depths.map(() => 9) } });
    const facts = datasetFacts(run.dataset);
    const state = initialModelState(runArchitecture(run, facts, depths), 1);
    expect(stateBytes(run, facts, depths)).toBe(4 * state.tensors.reduce((sum, t) => sum + t.data.length, 0));
  });
});

describe('capacityProblem', () => {
  it.each(PRESET_NAMES)('accepts the preset %s', (name) => {
    expect(capacityProblem(preset(name))).toBeNull();
  });

  it('refuses widths 512-512-512 at seed depths 8-8-8, with the state, the round close and the limit', () => {
    const problem = capacityProblem(config({ dataset: { name: 'cifar10' }, architecture: { widths: [512, 512, 512], seedDepths: [8, 8, 8] } }));
    expect(problem).toBe(
      'architecture: state at seed depths 8-8-8 x widths 512-512-512: 455.6 MB (parameters and BN statistics, float32); ' +
        'a round holds 1.8 GB at its peak (state, running sum, new state and its shards), and a Durable Object holds 128 MB (96 MB of it for the run): ' +
        'lower widths or seedDepths',
    );
  });

  it('holds a round in the same memory whatever its size; outer momentum and the robust rules\' chunk columns add to it', () => {
    const run = config({ dataset: { name: 'cifar10' }, architecture: { widths: [64, 64, 64], seedDepths: [2, 2, 2] } });
    const state = stateBytes(run, datasetFacts(run.dataset), [2, 2, 2]);
    expect(roundCloseBytes({ ...run, fleet: { ...run.fleet, roundSize: 1 } }, state)).toBe(roundCloseBytes({ ...run, fleet: { ...run.fleet, roundSize: 512 } }, state));
    expect(roundCloseBytes(run, state)).toBe(4 * state);
    expect(roundCloseBytes({ ...run, fleet: { ...run.fleet, outer: { learningRate: 0.7, scaling: 'none', momentum: 0.9, nesterov: true } } }, state)).toBe(6 * state);
    expect(roundCloseBytes({ ...run, fleet: { ...run.fleet, aggregation: 'median', roundSize: 32 } }, state)).toBe(4 * state + 32 * 65536 * 4);
  });

  it('refuses an enormous synthetic dataset from its sizes, before building a layout', () => {
    const synthetic = { input: { height: 32, width: 32, channels: 3 }, classes: 10, trainSize: 1e12, testSize: 100 };
    expect(capacityProblem(config({ dataset: { name: 'synthetic', synthetic } }))).toBe(
      `dataset: 1000000000000 train and val images in shards of 2048 are 488281250 shards, a run holds at most ${MAX_SHARDS_PER_SPLIT} per split (raise dataset.shardSize or lower dataset.trainLimit)`,
    );
    const test = { ...synthetic, trainSize: 100, testSize: 1e9 };
    expect(capacityProblem(config({ dataset: { name: 'synthetic', synthetic: test, shardSize: 1 } }))).toContain('1000000000 test images in shards of 1');
  });

  it('refuses a seed network that fits but could never grow, unless max depths say it should not', () => {
    const architecture = { widths: [300, 300, 300], seedDepths: [1, 1, 1] };
    expect(capacityProblem(config({ dataset: { name: 'cifar10' }, architecture }))).toContain('so it could never grow');
    expect(capacityProblem(config({ dataset: { name: 'cifar10' }, architecture: { ...architecture, maxDepths: [1, 1, 1] } }))).toBeNull();
  });

  it('refuses a round size too small for the rule, and an epoch with too few shards for it', () => {
    expect(capacityProblem(config({ fleet: { aggregation: 'trimmed-mean', roundSize: 4 } }))).toBe(
      'fleet: trimmed-mean needs at least 10 reports in a round (trimFraction 0.1 trims one value per side only from 10 reports on), but fleet.roundSize is 4',
    );
    expect(capacityProblem(config({ fleet: { aggregation: 'trimmed-mean', roundSize: 27 } }))).toBeNull();
    expect(capacityProblem(config({ fleet: { aggregation: 'trimmed-mean', trimFraction: 0 } }))).toContain('trims nothing in any round');
    // tiny: 192 train images in shards of 64, so 3 train shards an epoch.
    expect(capacityProblem(config({ dataset: tinyData, fleet: { aggregation: 'median', roundSize: 8 } }))).toBeNull();
    expect(capacityProblem(config({ dataset: tinyData, fleet: { aggregation: 'trimmed-mean', trimFraction: 0.2, roundSize: 8 } }))).toBe(
      'fleet: trimmed-mean needs at least 5 reports in a round (trimFraction 0.2 trims one value per side only from 5 reports on), but an epoch has only 3 train tasks (shards / fleet.shardsPerTask)',
    );
  });

  it('accepts round sizes that leave a short last round: the run driver merges it into the round before', () => {
    // MNIST at shardSize 2048: 54,000 train images, 27 train shards an epoch; rounds of 5 leave 2.
    expect(capacityProblem(config({ fleet: { aggregation: 'median', roundSize: 5 } }))).toBeNull();
    expect(capacityProblem(config({ fleet: { aggregation: 'median', roundSize: 2 } }))).toContain('median needs at least 3 reports');
  });
});

describe('growthFits', () => {
  const paper = preset('paper-cifar10');
  const facts = datasetFacts(paper.dataset);

  it('lets the paper run grow from its seed, not to its max depths 200-200-200 (78 MB of state alone)', () => {
    expect(stateBytes(paper, facts, paper.architecture.maxDepths)).toBeGreaterThan(75e6);
    expect([0, 1, 2].every((stage) => growthFits(paper, [1, 1, 1], stage))).toBe(true);
    expect(growthFits(paper, [199, 199, 199], 0)).toBe(false);
  });

  it('answers exactly whether the grown state\'s round close stays within the run\'s memory', () => {
    for (const depths of [[10, 10, 10], [60, 60, 60], [61, 61, 61], [80, 40, 5]]) {
      for (const stage of [0, 1, 2]) {
        const grown = depths.with(stage, depths[stage]! + 1);
        expect(growthFits(paper, depths, stage)).toBe(roundCloseBytes(paper, stateBytes(paper, facts, grown)) <= RUN_MEMORY_BYTES);
      }
    }
    expect(growthFits(paper, [60, 60, 60], 2)).not.toBe(growthFits(paper, [61, 61, 61], 2));
  });
});
