import { describe, expect, it } from 'vitest';
import { FleetConfigSchema } from '../config/run-config.ts';
import { RandomGenerator } from '../random/generator.ts';
import { MEASURED_WIDTH, noiseScale, roundNoise, trainableSquaredNorm, updateNoise, usefulWidth } from './noise-scale.ts';
import { RoundAggregate } from './round-aggregate.ts';
import { roundCap, roundTasks } from './round-size.ts';

const squared = (v: Float32Array) => v.reduce((sum, x) => sum + x * x, 0);

describe('gradient noise scale', () => {
  it('recovers the signal and the per-task noise of deltas drawn around a known mean (within 10%)', () => {
    const random = new RandomGenerator(11);
    const dimension = 200;
    const sigma = 0.05;
    const gradient = Float32Array.from({ length: dimension }, () => random.normal() * 0.02);
    const reports = 400;
    const deltas = Array.from({ length: reports }, () => Float32Array.from(gradient, (g) => g + sigma * random.normal()));
    const mean = new Float32Array(dimension);
    for (const d of deltas) d.forEach((x, i) => (mean[i]! += x / reports));
    const meanSquaredNorm = deltas.reduce((sum, d) => sum + squared(d), 0) / reports;
    const estimate = roundNoise(reports, meanSquaredNorm, squared(mean));
    expect(estimate.noise / (dimension * sigma * sigma)).toBeGreaterThan(0.9);
    expect(estimate.noise / (dimension * sigma * sigma)).toBeLessThan(1.1);
    expect(estimate.signal / squared(gradient)).toBeGreaterThan(0.9);
    expect(estimate.signal / squared(gradient)).toBeLessThan(1.1);
  });

  it('is exact for two mirrored deltas: their spread is the noise, their mean the signal', () => {
    // d = g +- e with |g|^2 = 4, |e|^2 = 1: tr(S) = 2 |e|^2, |G|^2 = |g|^2 - |e|^2.
    expect(roundNoise(2, 5, 4)).toEqual({ noise: 2, signal: 3 });
    expect(() => roundNoise(1, 5, 5)).toThrow('at least 2 reports');
  });

  it('smooths over rounds with the start corrected, so one round reads as itself', () => {
    const one = updateNoise(null, { signal: 2, noise: 10 });
    expect(noiseScale(one)).toBeCloseTo(5, 12);
    const two = updateNoise(one, { signal: 2, noise: 30 });
    expect(noiseScale(two)).toBeGreaterThan(5);
    expect(noiseScale(two)).toBeLessThan(15);
  });

  it('asks for all the fleet until measured or while the signal is lost, and never under two tasks', () => {
    expect(usefulWidth(null)).toBe(Infinity);
    expect(usefulWidth(updateNoise(null, { signal: -1, noise: 5 }))).toBe(Infinity);
    expect(usefulWidth(updateNoise(null, { signal: 10, noise: 1 }))).toBe(MEASURED_WIDTH);
    expect(usefulWidth(updateNoise(null, { signal: 1, noise: 6.6 }))).toBe(7);
  });

  it('caps a round at the noise scale only under roundWidth noise-scale', () => {
    const noise = updateNoise(null, { signal: 1, noise: 6.6 });
    expect(roundCap(FleetConfigSchema.parse({ roundSize: 32, roundWidth: 'fleet' }), noise)).toBe(32);
    const adaptive = FleetConfigSchema.parse({ roundSize: 32, roundWidth: 'noise-scale' });
    expect(roundCap(adaptive, noise)).toBe(7);
    expect(roundCap(adaptive, null)).toBe(32);
    expect(roundTasks(36, 32, adaptive, noise)).toBe(7);
    expect(roundTasks(36, 32, adaptive, null)).toBe(32);
  });

  it('counts only trainable coordinates: the round aggregate leaves the BN running statistics out', () => {
    const statistics = [{ start: 2, end: 4 }];
    expect(trainableSquaredNorm(Float32Array.of(1, 2, 100, 100, 3), statistics)).toBe(14);
    const aggregate = new RoundAggregate(5, FleetConfigSchema.parse({}), statistics);
    aggregate.add(Float32Array.of(1, 0, 9, 9, 0), 10, 0);
    expect(aggregate.meanSquaredNorm()).toBeNull();
    aggregate.add(Float32Array.of(0, 3, 9, 9, 0), 10, 0);
    expect(aggregate.meanSquaredNorm()).toBe(5);
  });
});
