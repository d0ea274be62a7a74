import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { outerStep, type OuterOptimizerSettings } from './outer-optimizer.ts';

const random = new RandomGenerator(4);
const bits = (data: Float32Array) => Array.from(new Uint32Array(data.slice().buffer));
const randomFlat = (n: number) => Float32Array.from({ length: n }, () => (random.next() - 0.5) * 0.02);

/** torch.optim.SGD on the pseudo-gradient -delta, in plain double arithmetic. */
function reference(settings: OuterOptimizerSettings, deltas: Float32Array[]): number[][] {
  const { learningRate: lr, momentum: m, nesterov } = settings;
  let buffer: number[] | null = null;
  return deltas.map((delta) => {
    const g = Array.from(delta, (x) => -x);
    const next: number[] = buffer ? g.map((v, j) => m * buffer![j]! + v) : g;
    buffer = m === 0 ? null : next;
    return g.map((v, j) => -lr * (m === 0 ? v : nesterov ? v + m * next[j]! : next[j]!));
  });
}

function run(settings: OuterOptimizerSettings, deltas: Float32Array[]): Float32Array[] {
  let buffer: Float32Array | null = null;
  return deltas.map((delta) => {
    const { step, momentum } = outerStep(settings, delta, buffer);
    buffer = momentum;
    return step;
  });
}

describe('outerStep', () => {
  const deltas = Array.from({ length: 12 }, () => randomFlat(500));

  it.each([
    { learningRate: 0.7, momentum: 0.9, nesterov: true },
    { learningRate: 0.7, momentum: 0.9, nesterov: false },
    { learningRate: 0.5, momentum: 0, nesterov: false },
    { learningRate: 1, momentum: 0.5, nesterov: true },
  ])('follows the float64 reference over 12 steps with %o (absolute, 2^-20 of the largest step)', (settings) => {
    const expected = reference(settings, deltas);
    const got = run(settings, deltas);
    const largest = Math.max(...expected.flat().map(Math.abs));
    const worst = Math.max(...got.flatMap((step, k) => Array.from(step, (v, j) => Math.abs(v - expected[k]![j]!))));
    expect(worst).toBeLessThanOrEqual(2 ** -20 * largest);
  });

  it('matches the steps torch.optim.SGD(lr=0.7, momentum=0.9) takes in torch 1.13 on deltas 1, 2, -0.5 (to float32 rounding)', () => {
    // torch rounds to float32 after every operation, outerStep once per stored value.
    const oneCoordinate = [1, 2, -0.5].map((d) => Float32Array.of(d));
    const torchSteps = { nesterov: [1.3299999237060547, 3.2270002365112305, 0.9793000221252441], plain: [0.699999988079071, 2.0299999713897705, 1.4770002365112305] };
    for (const nesterov of [true, false]) {
      const got = run({ learningRate: 0.7, momentum: 0.9, nesterov }, oneCoordinate).map((s) => s[0]!);
      torchSteps[nesterov ? 'nesterov' : 'plain'].forEach((v, k) => expect(Math.abs(got[k]! - v)).toBeLessThanOrEqual(4 * 2 ** -24 * Math.abs(v)));
    }
  });

  it('lr 1 and momentum 0 is plain averaging: the step is the combined delta bit for bit, and no buffer is kept', () => {
    const combined = Float32Array.of(-0, 0, 1e-45, -3.4e38, 0.1, 1 / 3);
    const { step, momentum } = outerStep({ learningRate: 1, momentum: 0, nesterov: false }, combined, null);
    expect(bits(step)).toEqual(bits(combined));
    expect(step).not.toBe(combined);
    expect(momentum).toBeNull();
  });

  it('in place gives the same bits as the pure step, writing into combined and the buffer', () => {
    for (const settings of [{ learningRate: 0.7, momentum: 0.9, nesterov: true }, { learningRate: 0.5, momentum: 0, nesterov: false }]) {
      const buffer = randomFlat(500);
      const expected = outerStep(settings, deltas[1]!, buffer);
      const combined = deltas[1]!.slice();
      const ownBuffer = buffer.slice();
      const got = outerStep(settings, combined, ownBuffer, true);
      expect(got.step).toBe(combined);
      expect(bits(got.step)).toEqual(bits(expected.step));
      if (settings.momentum > 0) {
        expect(got.momentum).toBe(ownBuffer);
        expect(bits(got.momentum!)).toEqual(bits(expected.momentum!));
      } else expect(got.momentum).toBeNull();
    }
    const fresh = outerStep({ learningRate: 0.7, momentum: 0.9, nesterov: true }, deltas[2]!.slice(), null, true);
    expect(bits(fresh.momentum!)).toEqual(bits(outerStep({ learningRate: 0.7, momentum: 0.9, nesterov: true }, deltas[2]!, null).momentum!));
  });

  it('does not change the buffer it is given', () => {
    const buffer = randomFlat(500);
    const before = bits(buffer);
    outerStep({ learningRate: 0.7, momentum: 0.9, nesterov: true }, deltas[0]!, buffer);
    expect(bits(buffer)).toEqual(before);
  });

  it.each([
    [{ learningRate: 0, momentum: 0, nesterov: false }, 'learningRate should be positive and finite, got 0'],
    [{ learningRate: 1, momentum: 1, nesterov: false }, 'momentum should be in [0, 1), got 1'],
    [{ learningRate: 1, momentum: 0, nesterov: true }, 'nesterov needs a positive momentum'],
  ])('throws on settings %o', (settings, message) => {
    expect(() => outerStep(settings, deltas[0]!, null)).toThrow(message);
  });

  it('throws on a buffer of another length', () => {
    expect(() => outerStep({ learningRate: 1, momentum: 0.9, nesterov: false }, deltas[0]!, new Float32Array(3))).toThrow('the momentum buffer has 3 coordinates, the combined delta 500');
  });
});
