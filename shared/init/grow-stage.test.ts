import { describe, expect, it } from 'vitest';
import type { ArchitectureSpec, Family } from '../architecture/spec.ts';
import type { ModelState } from '../state/types.ts';
import { growStage } from './grow-stage.ts';
import { initialModelState } from './initial-state.ts';

const cifar = { height: 32, width: 32, channels: 3 };
const spec = (family: Family, depths: number[], widths: number[]): ArchitectureSpec => ({ family, depths, widths, input: cifar, classes: 10 });
const byName = (state: ModelState, name: string) => state.tensors.find((t) => t.name === name)!.data;
const bits = (data: Float32Array) => new Uint32Array(data.slice().buffer);

/** An initial state whose BN statistics look trained (non-default). */
function trainedState(architecture: ArchitectureSpec): ModelState {
  const state = initialModelState(architecture, 11);
  state.tensors.forEach((t, i) => {
    if (t.name.endsWith('.mean') || t.name.endsWith('.var')) t.data.forEach((_, j) => (t.data[j] = 0.5 + i + j / 1000));
  });
  return state;
}

function moments(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}

describe('growStage', () => {
  it('appends one block to the stage, in initialModelState order for the new architecture', () => {
    const state = initialModelState(spec('Basic3ResNet', [1, 1, 1], [8, 16, 32]), 1);
    const grown = growStage(state, 1, 'GauInit', 1, 2);
    expect(grown.architecture.depths).toEqual([1, 2, 1]);
    const reference = initialModelState(grown.architecture, 2);
    expect(grown.tensors.map((t) => [t.name, t.shape])).toEqual(reference.tensors.map((t) => [t.name, t.shape]));
    expect(state.architecture.depths).toEqual([1, 1, 1]);
  });

  it('keeps every existing tensor (weights, BN statistics) bit-exact, as a copy', () => {
    const state = trainedState(spec('Bottleneck4ResNet', [1, 2, 1, 1], [4, 8, 8, 8]));
    const before = state.tensors.map((t) => bits(t.data));
    const grown = growStage(state, 1, 'GauInit', 1, 99);
    state.tensors.forEach((t, i) => {
      expect(bits(byName(grown, t.name))).toEqual(before[i]);
      expect(byName(grown, t.name).buffer).not.toBe(t.data.buffer);
    });
    byName(grown, 'stem.conv.w').fill(0);
    expect(bits(byName(state, 'stem.conv.w'))).toEqual(before[0]);
  });

  it('gives new tensors the default init drawn with the growth seed, and holds no momentum', () => {
    const state = trainedState(spec('Basic3ResNet', [2, 1, 1], [8, 16, 32]));
    const grown = growStage(state, 0, 'ZeroInit', 1, 5);
    const direct = initialModelState(grown.architecture, 5);
    for (const name of ['s0.b2.conv1.w', 's0.b2.conv2.w', 's0.b2.bn1.gamma', 's0.b2.bn1.beta', 's0.b2.bn2.mean', 's0.b2.bn2.var']) {
      expect(bits(byName(grown, name))).toEqual(bits(byName(direct, name)));
    }
    expect(grown.tensors.some((t) => t.name.endsWith('#momentum'))).toBe(false);
  });

  it.each([
    ['Basic3ResNet', [1, 1, 1], [8, 16, 32], 's2.b1.bn2'],
    ['Bottleneck4ResNet', [1, 1, 1, 1], [4, 4, 4, 8], 's2.b1.bn3'],
  ] as const)('ZeroInit and AdamInit zero the last BN of the new %s block and nothing else', (family, depths, widths, lastBn) => {
    const state = initialModelState(spec(family, [...depths], [...widths]), 3);
    for (const initializer of ['ZeroInit', 'AdamInit'] as const) {
      const grown = growStage(state, 2, initializer, 1, 4);
      expect(byName(grown, `${lastBn}.gamma`).every((v) => v === 0)).toBe(true);
      expect(byName(grown, `${lastBn}.beta`).every((v) => v === 0)).toBe(true);
      expect(byName(grown, `${lastBn}.var`).every((v) => v === 1)).toBe(true);
      expect(byName(grown, 's2.b1.bn1.gamma').every((v) => v === 1)).toBe(true);
    }
  });

  it('GauInit draws the last BN gamma and beta from N(0, scale) (pooled over 8 seeds, 16,384 values)', () => {
    const state = initialModelState(spec('Bottleneck4ResNet', [1, 1, 1, 1], [4, 4, 4, 256]), 3);
    const scale = 0.5;
    const gammas: number[] = [];
    const betas: number[] = [];
    for (let seed = 0; seed < 8; seed++) {
      const grown = growStage(state, 3, 'GauInit', scale, seed);
      gammas.push(...byName(grown, 's3.b1.bn3.gamma')); // 1024 channels
      betas.push(...byName(grown, 's3.b1.bn3.beta'));
    }
    // Standard errors: mean scale/128, std about 0.55% of scale; the bounds sit at 4-6 of them.
    const pooled = moments([...gammas, ...betas]);
    expect(Math.abs(pooled.mean)).toBeLessThan(0.03 * scale);
    expect(Math.abs(pooled.std / scale - 1)).toBeLessThan(0.03);
    expect(Math.abs(moments(gammas).std / scale - 1)).toBeLessThan(0.05);
    expect(gammas.slice(0, 1024)).not.toEqual(betas.slice(0, 1024));
    expect(gammas.slice(0, 1024)).not.toEqual(gammas.slice(1024, 2048));
  });

  it('UniInit draws the last BN gamma and beta from U(0, scale)', () => {
    const state = initialModelState(spec('Basic3ResNet', [1, 1, 1], [4, 4, 512]), 3);
    const scale = 2;
    const grown = growStage(state, 2, 'UniInit', scale, 8);
    const values = [...byName(grown, 's2.b1.bn2.gamma'), ...byName(grown, 's2.b1.bn2.beta')];
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(scale);
    const { mean, std } = moments(values);
    expect(Math.abs(mean - scale / 2)).toBeLessThan(0.05 * scale);
    expect(Math.abs(std / (scale / Math.sqrt(12)) - 1)).toBeLessThan(0.06);
  });

  it('leaves plain nets at the default init whatever the initializer', () => {
    const state = initialModelState(spec('Plain3Net', [1, 1, 1], [8, 16, 32]), 6);
    const grown = growStage(state, 0, 'ZeroInit', 1, 6);
    const direct = initialModelState(spec('Plain3Net', [2, 1, 1], [8, 16, 32]), 6);
    grown.tensors.forEach((t, i) => expect(bits(t.data)).toEqual(bits(direct.tensors[i]!.data)));
  });

  it('throws on a stage out of range and on a state that does not match its architecture (bugs)', () => {
    const state = initialModelState(spec('Basic3ResNet', [1, 1, 1], [8, 16, 32]), 1);
    expect(() => growStage(state, 3, 'GauInit', 1, 1)).toThrow('growStage: stage should be an integer in 0..2, got 3');
    expect(() => growStage(state, -1, 'GauInit', 1, 1)).toThrow('got -1');
    expect(() => growStage(state, 0.5, 'GauInit', 1, 1)).toThrow('got 0.5');
    const truncated = { ...state, tensors: state.tensors.slice(1) };
    expect(() => growStage(truncated, 0, 'GauInit', 1, 1)).toThrow('missing stem.conv.w');
  });
});
