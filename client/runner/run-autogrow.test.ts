import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import type { RunEvent } from '../../shared/protocol/index.ts';
import { runAutoGrow } from './run-autogrow.ts';

function tinyConfig(): RunConfig {
  const parsed = presetConfig('tiny');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function source(config: RunConfig) {
  const opened = openDataset(config.dataset);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

describe('runAutoGrow on the tiny preset (WASM)', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('grows past the seed net, fine-tunes with the staircase LR, and scores the test split above chance', async () => {
    const config = tinyConfig();
    const { report, state } = await runAutoGrow(config, source(config), 'wasm');
    const { depths } = report.finalArchitecture;
    expect(depths.some((depth, stage) => depth > config.architecture.seedDepths[stage]!)).toBe(true);
    expect(state.architecture.depths).toEqual(depths);
    const fineTune = report.history.filter((epoch) => epoch.phase === 'fine-tuning');
    expect(fineTune.map((epoch) => epoch.learningRate)).toEqual([0.1, expect.closeTo(0.01, 12)]);
    expect(report.history.map((epoch) => epoch.epoch)).toEqual(report.history.map((_, i) => i));
    const trainImages = report.history[0]!.samples;
    expect(report.history.every((epoch) => epoch.samples === trainImages)).toBe(true);
    expect(report.growth.filter((entry) => entry.type === 'grow').length).toBe(depths.reduce((a, b) => a + b, 0) - 3);
    expect(report.testAcc).toBeGreaterThan(25 + 20);
  });

  it('computes bit-identical weights when run twice with the same seed', async () => {
    const config = tinyConfig();
    config.fineTune.epochs = 0;
    config.architecture.maxDepths = [2, 1, 1];
    const first = await runAutoGrow(config, source(config), 'wasm');
    const second = await runAutoGrow(config, source(config), 'wasm');
    expect(second.state.tensors.map((t) => t.name)).toEqual(first.state.tensors.map((t) => t.name));
    second.state.tensors.forEach((t, i) => expect(t.data).toEqual(first.state.tensors[i]!.data));
  });
});

describe('runAutoGrow with AdamInit', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('trains the new blocks\' last BN with Adam after each growth and still reaches done', async () => {
    const config = tinyConfig();
    config.growth.initializer = 'AdamInit';
    config.architecture.maxDepths = [2, 2, 1];
    config.fineTune.epochs = 0;
    const adamInits: number[][] = [];
    const { report, state } = await runAutoGrow(config, source(config), 'wasm', {
      onPhase: (phase, progress) => phase === 'adam-init' && adamInits.push([progress.log.at(-1)!.stage]),
    });
    expect(adamInits).toEqual([[0], [1]]);
    expect(report.finalArchitecture.depths).toEqual([2, 2, 1]);
    // The new block of stage 1 started as the identity (gamma 0) and Adam moved its last BN.
    const gamma = state.tensors.find((t) => t.name === 's1.b1.bn2.gamma')!.data;
    expect(gamma.some((value) => value !== 0)).toBe(true);
    expect(state.tensors.some((t) => t.name.includes('adam'))).toBe(false);
  });
});

describe('runAutoGrow when training breaks down', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('rolls a run at learning rate 10 back, with halved rates, until it trains, and finishes', async () => {
    const config = tinyConfig();
    config.optimizer.learningRate = 10;
    const events: RunEvent[] = [];
    const { report } = await runAutoGrow(config, source(config), 'wasm', { onEvent: (event) => events.push(event) });
    expect(report.run).toMatchObject({ status: 'done', doneReason: 'finished' });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.type === 'rollback')).toBe(true);
    expect(events.map((event) => event.learningRateScale)).toEqual(events.map((_, i) => 0.5 ** (i + 1)));
    expect(report.testAcc).not.toBeNull();
  });
});
