import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { runAutoGrow } from '../runner/run-autogrow.ts';
import { simulateFleet, type FleetOptions } from './simulate-fleet.ts';

function tiny(roundSize = 1): RunConfig {
  const parsed = presetConfig('tiny');
  if (!parsed.ok) throw new Error(parsed.error);
  return { ...parsed.value, architecture: { ...parsed.value.architecture, maxDepths: [2, 2, 1] }, fleet: { ...parsed.value.fleet, roundSize } };
}

function source(config: RunConfig) {
  const opened = openDataset(config.dataset);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

const options = (patch: Partial<FleetOptions> = {}): FleetOptions => ({ volunteers: 1, profile: 'uniform', churn: 0, byzantine: 0, seed: 7, targetValAcc: 50, arrivalSeconds: 5, testEachEpoch: false, ...patch });

describe('simulateFleet', () => {
  beforeAll(async () => {
    await initBackend(['wasm']);
  });

  it('with one volunteer and round size 1 computes the in-process runner\'s weights, bit for bit', async () => {
    const config = tiny();
    const simulated = await simulateFleet(config, source(config), options());
    const local = await runAutoGrow(config, source(config), 'wasm');
    expect(simulated.architecture).toBe(local.report.finalArchitecture.name);
    expect(simulated.testAcc).toBe(local.report.testAcc);
    expect(simulated.state.tensors.map((t) => t.name)).toEqual(local.state.tensors.map((t) => t.name));
    simulated.state.tensors.forEach((tensor, i) => expect(tensor.data).toEqual(local.state.tensors[i]!.data));
    expect(simulated.seconds).toBeGreaterThan(0);
    expect(simulated.curve.map((point) => point.valAcc)).toEqual(local.report.history.map((record) => record.valAcc));
  });

  it('gives the same result twice, bit for bit: no wall time reaches the simulated clock', async () => {
    const config = tiny(3);
    const run = () => simulateFleet(config, source(config), options({ volunteers: 3, churn: 0.2, testEachEpoch: true }));
    const first = await run();
    const second = await run();
    expect(first.testCurve).toHaveLength(first.curve.length);
    expect(first.testCurve.every((point) => point.testAcc > 0)).toBe(true);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('measures the test curve on the states validation measured: its last point is the run\'s own test accuracy', async () => {
    const config = tiny(2);
    const result = await simulateFleet(config, source(config), options({ volunteers: 2, testEachEpoch: true }));
    expect(result.testCurve.at(-1)!.testAcc).toBeCloseTo(result.testAcc!, 10);
    expect(result.testCurve.map((point) => point.epoch)).toEqual(result.curve.map((point) => point.epoch));
  });

  it('spreads each round over the fleet: every one of three volunteers reports work and moves bytes', async () => {
    const config = tiny(3);
    const one = await simulateFleet(config, source(config), options());
    const three = await simulateFleet(config, source(config), options({ volunteers: 3, arrivalSeconds: 0 }));
    expect(three.tasksPerVolunteer).toHaveLength(3);
    expect(Math.min(...three.tasksPerVolunteer)).toBeGreaterThan(0);
    // The same train tasks; eval tasks are done twice once two volunteers are at work.
    expect(three.tasksReported).toBeGreaterThan(one.tasksReported);
    expect(three.bytesDownPerVolunteer).toBeGreaterThan(0);
    expect(three.bytesUpPerVolunteer).toBeGreaterThan(0);
    expect(three.idleFraction).toBeGreaterThan(one.idleFraction);
  });

  it('finishes under churn with every train image of every epoch used exactly once', async () => {
    const config = tiny(2);
    const churned = await simulateFleet(config, source(config), options({ volunteers: 3, churn: 0.3 }));
    expect(churned.tasksLost).toBeGreaterThan(0);
    const trainImages = churned.report.history[0]!.samples;
    expect(trainImages).toBe(192);
    expect(churned.report.history.every((epoch) => epoch.samples === trainImages)).toBe(true);
    expect(churned.testAcc).not.toBeNull();
  });

  it('finishes with one Byzantine volunteer in four under the median rule; its lies travel in the encoding it chose', async () => {
    const config: RunConfig = { ...tiny(3), fleet: { ...tiny(3).fleet, aggregation: 'median', deltaEncodings: ['int8'] } };
    const lied = await simulateFleet(config, source(config), options({ volunteers: 4, byzantine: 0.25, seed: 1 }));
    expect(lied.byzantineVolunteers).toBe(1);
    expect(lied.rollbacks).toBe(0);
    expect(lied.report.run).toMatchObject({ status: 'done', doneReason: 'finished' });
    expect(lied.report.history.every((epoch) => epoch.samples === 192)).toBe(true);
  });

  it('counts the rollbacks of a run that gives up inside its first epoch (three liars of four beat the median of three)', async () => {
    const config: RunConfig = { ...tiny(3), fleet: { ...tiny(3).fleet, aggregation: 'median', deltaEncodings: ['int8'] } };
    const lied = await simulateFleet(config, source(config), options({ volunteers: 4, byzantine: 0.5, seed: 4 }));
    expect(lied.byzantineVolunteers).toBe(3);
    expect(lied.report.run.doneReason).toBe('diverged');
    expect(lied.rollbacks).toBe(6);
  });
});
