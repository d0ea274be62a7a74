import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../random/generator.ts';
import { decodeDelta, encodeDelta, type DeltaEncoding } from './codec.ts';
import { ErrorFeedback } from './error-feedback.ts';
import { INT8_BLOCK } from './int8-codec.ts';

const LENGTH = 4 * INT8_BLOCK + 50;
const ROUNDS = 200;

function decoded(bytes: Uint8Array, encoding: DeltaEncoding): Float32Array {
  const result = decodeDelta(bytes, encoding, LENGTH);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/**
 * The same kind of delta every round: in each block one large coordinate near 1 sets the scale
 * (step about 1/127) and the others drift by a steady 0.3 step plus noise, below half a step, so
 * that plain int8 rounds them to zero round after round.
 */
function roundDelta(random: RandomGenerator): Float32Array {
  return Float32Array.from({ length: LENGTH }, (_, j) =>
    j % INT8_BLOCK === 0 ? 1 - 0.01 * random.next() : (0.3 + 0.1 * (random.next() - 0.5)) / 127 * (j % 2 ? 1 : -1));
}

/** Largest |sum of true deltas - sum of decoded deltas| over the coordinates, after each round. */
function driftByRound(compress: (flat: Float32Array) => Float32Array): { drift: number[]; lastStep: number } {
  const random = new RandomGenerator(5);
  const truth = new Float64Array(LENGTH);
  const sent = new Float64Array(LENGTH);
  const drift: number[] = [];
  let lastStep = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const flat = roundDelta(random);
    const got = compress(flat);
    let worst = 0;
    for (let j = 0; j < LENGTH; j++) {
      truth[j] = truth[j]! + flat[j]!;
      sent[j] = sent[j]! + got[j]!;
      worst = Math.max(worst, Math.abs(truth[j]! - sent[j]!));
    }
    drift.push(worst);
    lastStep = Math.max(...Array.from({ length: Math.ceil(LENGTH / INT8_BLOCK) }, (_, b) => Math.abs(got[b * INT8_BLOCK]!) / 127));
  }
  return { drift, lastStep };
}

describe('ErrorFeedback', () => {
  it('with int8, the sum of decoded deltas stays within half a quantization step of the true sum, round after round', () => {
    const feedback = new ErrorFeedback();
    const { drift, lastStep } = driftByRound((flat) => decoded(feedback.compress(flat, 'int8', 'layout'), 'int8'));
    // Half the step of the largest block, plus float32 rounding of the residual once per round.
    const bound = lastStep / 2 + ROUNDS * 2 ** -24 * lastStep;
    expect(Math.max(...drift)).toBeLessThanOrEqual(bound * 1.02);
    expect(drift[ROUNDS - 1]).toBeLessThanOrEqual(bound);
  });

  it('without it the drift grows with the rounds (0.3 step lost per round per coordinate)', () => {
    const { drift, lastStep } = driftByRound((flat) => decoded(encodeDelta(flat, 'int8'), 'int8'));
    expect(drift[ROUNDS - 1]).toBeGreaterThan(0.25 * ROUNDS * lastStep);
    expect(drift[ROUNDS - 1]).toBeGreaterThan(1.9 * drift[ROUNDS / 2 - 1]!);
  });

  it('with int2, the drift stays within a third of the largest block scale (the int2 error bound)', () => {
    const feedback = new ErrorFeedback();
    const { drift, lastStep } = driftByRound((flat) => decoded(feedback.compress(flat, 'int2', 'layout'), 'int2'));
    const lastScale = 127 * lastStep; // the block's largest value, decoded exactly at level 1
    expect(Math.max(...drift)).toBeLessThanOrEqual((lastScale / 3) * 1.02);
    const plain = driftByRound((flat) => decoded(encodeDelta(flat, 'int2'), 'int2')).drift;
    expect(plain[ROUNDS - 1]).toBeGreaterThan(20 * Math.max(...drift));
  });

  it('with f16 the drift stays within half an ulp of the largest value', () => {
    const feedback = new ErrorFeedback();
    const { drift } = driftByRound((flat) => decoded(feedback.compress(flat, 'f16', 'layout'), 'f16'));
    expect(Math.max(...drift)).toBeLessThanOrEqual(2 ** -11 * 2);
  });

  it('encodes the first delta as it is and carries the residual only under the same layout key', () => {
    const random = new RandomGenerator(8);
    const first = roundDelta(random);
    const second = roundDelta(random);
    const feedback = new ErrorFeedback();
    expect(feedback.compress(first, 'int8', 'a')).toEqual(encodeDelta(first, 'int8'));
    expect(feedback.residualNorm()).toBeGreaterThan(0);
    expect(feedback.compress(second, 'int8', 'a')).not.toEqual(encodeDelta(second, 'int8'));
    expect(feedback.compress(second, 'int8', 'b')).toEqual(encodeDelta(second, 'int8'));
    // Back under 'a': the residual of 'a' was replaced by that of 'b', so 'a' starts afresh too.
    expect(feedback.compress(first, 'int8', 'a')).toEqual(encodeDelta(first, 'int8'));
    feedback.reset();
    expect(feedback.residualNorm()).toBe(0);
    expect(feedback.compress(second, 'int8', 'a')).toEqual(encodeDelta(second, 'int8'));
  });

  it('with f32 nothing is lost, so nothing is carried', () => {
    const feedback = new ErrorFeedback();
    const flat = roundDelta(new RandomGenerator(9));
    feedback.compress(flat, 'f32', 'a');
    expect(feedback.residualNorm()).toBe(0);
    expect(feedback.compress(flat, 'f32', 'a')).toEqual(encodeDelta(flat, 'f32'));
  });

  it('drops the residual after a non-finite delta, so the next report is clean', () => {
    const feedback = new ErrorFeedback();
    const random = new RandomGenerator(10);
    feedback.compress(roundDelta(random), 'int8', 'a');
    const broken = roundDelta(random);
    broken[3] = NaN;
    feedback.compress(broken, 'int8', 'a');
    const next = roundDelta(random);
    expect(feedback.compress(next, 'int8', 'a')).toEqual(encodeDelta(next, 'int8'));
  });

  it('throws when a layout key comes back with another length (the key does not describe the layout)', () => {
    const feedback = new ErrorFeedback();
    feedback.compress(new Float32Array(10).fill(0.5), 'int8', 'a');
    expect(() => feedback.compress(new Float32Array(11), 'int8', 'a')).toThrow('had 10 coordinates, the delta has 11');
  });
});
