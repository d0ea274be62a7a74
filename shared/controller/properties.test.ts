// Properties of the controller over many random configs, budgets and accuracy curves (fixed seeds), with
// replayed epochs, repeated adam-init reports and resumes mixed in as a restarting executor sends them.
import { describe, expect, it } from 'vitest';
import { networkCost } from '../config/budget.ts';
import type { RunConfig } from '../config/run-config.ts';
import { INITIALIZERS } from '../config/run-config.ts';
import { RandomGenerator } from '../random/generator.ts';
import { initialControllerState } from './initial-state.ts';
import { controllerTestConfig } from './test-support.ts';
import { transition } from './transition.ts';
import type { ControllerEffect, ControllerEvent, ControllerState } from './types.ts';

const pick = <T>(random: RandomGenerator, items: readonly T[]): T => items[random.int(items.length)]!;

/** The engine the random runs measure: exactly 1 ms per million MACs, so latency predictions are exact. */
const msPerImage = (config: RunConfig, depths: readonly number[]): number => networkCost(config, depths).multiplyAccumulates / 1e6;

/** No budget, or one limit somewhere between the seed's cost and the max net's. */
function randomBudget(random: RandomGenerator, architecture: RunConfig['architecture']): RunConfig['budget'] {
  const unlimited = { parameters: null, multiplyAccumulates: null, latencyMs: null };
  const config = controllerTestConfig({ architecture });
  const [seed, max] = [architecture.seedDepths, architecture.maxDepths].map((depths) => networkCost(config, depths));
  const between = (low: number, high: number): number => low + random.next() * (high - low);
  switch (pick(random, ['none', 'parameters', 'multiplyAccumulates', 'latencyMs'] as const)) {
    case 'none':
      return unlimited;
    case 'parameters':
      return { ...unlimited, parameters: Math.round(between(seed!.parameters, max!.parameters)) };
    case 'multiplyAccumulates':
      return { ...unlimited, multiplyAccumulates: Math.round(between(seed!.multiplyAccumulates, max!.multiplyAccumulates)) };
    case 'latencyMs':
      return { ...unlimited, latencyMs: between(seed!.multiplyAccumulates, max!.multiplyAccumulates) / 1e6 };
  }
}

function randomConfig(random: RandomGenerator): RunConfig {
  const stages = pick(random, [3, 4]);
  const seedDepths = Array.from({ length: stages }, () => 1 + random.int(3));
  const architecture = {
    family: stages === 3 ? 'Basic3ResNet' as const : 'Basic4ResNet' as const,
    widths: Array<number>(stages).fill(8),
    seedDepths,
    maxDepths: seedDepths.map((seed) => seed + random.int(6)),
  };
  return controllerTestConfig({
    architecture,
    budget: randomBudget(random, architecture),
    growth: {
      policy: pick(random, ['periodic', 'convergent'] as const),
      mode: pick(random, ['group', 'all'] as const),
      interval: 1 + random.int(4),
      initializer: pick(random, INITIALIZERS),
      maxGrowingEpochs: 1 + random.int(120),
    },
    stop: { window: 1 + random.int(6), tau: pick(random, [0, 0.05, 0.5, 2]), metric: pick(random, ['max', 'ema'] as const) },
    fineTune: { epochs: random.int(7), lrSteps: [0.25, 0.5, 0.75].filter(() => random.next() < 0.5) },
  });
}

/** The network never grows past a limit, and each budget entry names a limit its stage's next sub-module broke. */
function checkBudget(state: ControllerState, config: RunConfig): void {
  const { parameters, multiplyAccumulates, latencyMs } = config.budget;
  const cost = networkCost(config, state.depths);
  if (parameters !== null) expect(cost.parameters).toBeLessThanOrEqual(parameters);
  if (multiplyAccumulates !== null) expect(cost.multiplyAccumulates).toBeLessThanOrEqual(multiplyAccumulates);
  if (latencyMs !== null) expect(msPerImage(config, state.depths)).toBeLessThanOrEqual(latencyMs);
  for (const entry of state.log) {
    if (entry.type !== 'budget') continue;
    expect(entry.cost).toBeGreaterThan(entry.limit);
    expect(entry.limit).toBe(config.budget[entry.measure]);
  }
}

/** A noisy curve with a random trend: it rises, plateaus or falls, clipped to 0-100 percent. */
function randomValAcc(random: RandomGenerator, previous: number, trend: number): number {
  return Math.min(100, Math.max(0, previous + trend + random.normal() * pick(random, [0, 0.5, 3])));
}

/** The circle and grow order the effects imply, tracked independently of the controller's own state. */
interface Observed {
  circle: number[];
  depths: number[];
  frozen: number[];
  lastGrownStage: number;
  fineTuneStarts: number;
  finished: number;
}

function checkEffects(observed: Observed, effects: readonly ControllerEffect[], config: RunConfig): void {
  const stageCount = observed.depths.length;
  const growsBefore = effects.findIndex((effect) => effect.type === 'grow');
  const circleAtGrowth = [...observed.circle];
  effects.forEach((effect, index) => {
    if (effect.type === 'freeze') {
      expect(observed.circle).toContain(effect.stage);
      observed.circle = observed.circle.filter((stage) => stage !== effect.stage);
      observed.frozen.push(effect.stage);
    } else if (effect.type === 'grow') {
      expect(observed.circle).toContain(effect.stage);
      if (config.growth.mode === 'group') {
        const expected = Array.from({ length: stageCount }, (_, offset) => (observed.lastGrownStage + 1 + offset) % stageCount)
          .find((stage) => observed.circle.includes(stage));
        expect(effect.stage).toBe(expected);
      }
      observed.depths[effect.stage]! += 1;
      observed.lastGrownStage = effect.stage;
      expect(observed.depths[effect.stage]).toBeLessThanOrEqual(config.architecture.maxDepths[effect.stage]!);
      if (observed.depths[effect.stage] === config.architecture.maxDepths[effect.stage]) {
        expect(effects[index + 1]).toEqual({ type: 'freeze', stage: effect.stage });
      }
    } else if (effect.type === 'start-fine-tune') {
      expect(observed.circle).toEqual([]);
      observed.fineTuneStarts += 1;
    } else if (effect.type === 'done') {
      observed.finished += 1;
    }
  });
  if (config.growth.mode === 'all' && growsBefore >= 0) {
    const circleBeforeGrowth = circleAtGrowth.filter((stage) => !effects.slice(0, growsBefore).some((e) => e.type === 'freeze' && e.stage === stage));
    const grown = effects.flatMap((effect) => (effect.type === 'grow' ? [effect.stage] : []));
    expect(grown).toEqual(circleBeforeGrowth);
  }
}

function runRandomly(seed: number) {
  const random = new RandomGenerator(seed);
  const config = randomConfig(random);
  const [initial, initialEffects] = initialControllerState(config);
  const observed: Observed = { circle: [...initial.circle], depths: [...initial.depths], frozen: [], lastGrownStage: -1, fineTuneStarts: 0, finished: 0 };
  const initialCircle = [...initial.circle];
  checkEffects(observed, initialEffects, config);
  let state: ControllerState = initial;
  let valAcc = random.next() * 30;
  const trend = pick(random, [-0.5, 0, 0.2, 2]);
  const maxEpochs = config.growth.maxGrowingEpochs + config.fineTune.epochs;
  for (let step = 0; state.phase !== 'done'; step++) {
    expect(step).toBeLessThan(4 * maxEpochs + 100);
    const roll = random.next();
    let event: ControllerEvent;
    if (roll < 0.05) event = { type: 'run-resumed' };
    else if (roll < 0.1 && state.epoch > 0) event = { type: 'epoch-finished', epoch: state.epoch - 1, valAcc: 99, trainAcc: 99, trainLoss: 0 };
    else if (roll < 0.15) event = { type: 'adam-init-finished', trainAcc: 50, epochsUsed: 1 };
    else if (state.phase === 'adam-init') event = { type: 'adam-init-finished', trainAcc: 50, epochsUsed: 1 + random.int(10) };
    else {
      valAcc = randomValAcc(random, valAcc, trend);
      event = {
        type: 'epoch-finished', epoch: state.epoch, valAcc, trainAcc: Math.min(100, valAcc + 3), trainLoss: 1, forwardMsPerImage: msPerImage(config, state.depths),
      };
    }
    const [next, effects] = transition(state, event, config);
    const outOfTurn = (event.type === 'epoch-finished' && event.epoch !== state.epoch) || (event.type === 'adam-init-finished' && state.phase !== 'adam-init');
    if (event.type === 'run-resumed' || outOfTurn) expect(next).toBe(state);
    if (outOfTurn) expect(effects).toEqual([]);
    checkEffects(observed, effects, config);
    expect(next.depths).toEqual(observed.depths);
    expect(next.circle).toEqual(observed.circle);
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
    checkBudget(next, config);
    state = next;
  }
  return { config, state, observed, initialCircle, maxEpochs };
}

describe('controller properties over random configs and curves', () => {
  const seeds = Array.from({ length: 400 }, (_, i) => 1000 + i);

  it.each(seeds)('seed %i: freezes every stage once, keeps to max depths, budget and circle order, and finishes in bounded epochs', (seed) => {
    const { config, state, observed, initialCircle, maxEpochs } = runRandomly(seed);
    expect([...observed.frozen].sort()).toEqual(initialCircle);
    expect(state.circle).toEqual([]);
    state.depths.forEach((depth, stage) => expect(depth).toBeLessThanOrEqual(config.architecture.maxDepths[stage]!));
    expect(state.growingEpochs).toBeLessThanOrEqual(config.growth.maxGrowingEpochs);
    expect(state.fineTuneEpochs).toBe(config.fineTune.epochs);
    expect(state.epoch).toBeLessThanOrEqual(maxEpochs);
    expect(observed.finished).toBe(1);
    expect(observed.fineTuneStarts).toBe(config.fineTune.epochs > 0 ? 1 : 0);
  });
});
