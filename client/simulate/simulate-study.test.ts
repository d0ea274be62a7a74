import { beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { findStudy } from '../study/index.ts';
import { simulateStudy } from './simulate-study.ts';

const draw = { profile: 'uniform' as const, churn: 0, byzantine: 0, seed: 1, arrivalSeconds: 2 };

function source(config: RunConfig) {
  const opened = openDataset(config.dataset);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

describe('simulateStudy', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('spreads a study over the fleet: runs train side by side, each dependent run after the run it needs', async () => {
    const study = findStudy('tiny')!;
    const alone = await simulateStudy(study, [1, 2], { ...draw, volunteers: 1 }, source);
    const fleet = await simulateStudy(study, [1, 2], { ...draw, volunteers: 4 }, source);
    expect(alone.runs).toHaveLength(4);
    expect(fleet.runs).toHaveLength(4);
    expect(alone.mostRunsAtOnce).toBe(1);
    expect(fleet.mostRunsAtOnce).toBeGreaterThanOrEqual(2);
    expect(fleet.seconds).toBeLessThan(alone.seconds);
    for (const seed of [1, 2]) {
      const grown = fleet.runs.find((run) => run.label === 'grown' && run.seed === seed)!;
      const scratch = fleet.runs.find((run) => run.label === 'found net from scratch' && run.seed === seed)!;
      expect(scratch.createdAt).toBeGreaterThanOrEqual(grown.finishedAt - 1);
      expect(scratch.result.depths).toEqual(grown.result.depths);
    }
    expect(fleet.runs.every((run) => run.result.testAcc !== null)).toBe(true);
  });
});
