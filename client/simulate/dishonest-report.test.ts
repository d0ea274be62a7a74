import { describe, expect, it } from 'vitest';
import { decodeChunkedDelta, encodeChunkedDelta, type DeltaEncoding } from '../../shared/delta/index.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import type { TaskOutput } from '../tasks/execute-task.ts';
import { DISHONEST_DELTA_SCALE, dishonestOutput } from './dishonest-report.ts';

const measurement = { samples: 500, loss: 0.3, accuracy: 91, correct: 455, seconds: 1 };

describe('dishonestOutput', () => {
  it.each<[DeltaEncoding, number]>([['f32', 0], ['f16', 1e-3], ['int8', 2e-2]])('scales a %s delta by -10 in the encoding the volunteer chose (relative error <= %s)', (encoding, tolerance) => {
    const random = new RandomGenerator(3);
    const flat = Float32Array.from({ length: 70_000 }, () => 1e-3 * random.normal());
    const honest: TaskOutput = { measurement: { ...measurement, encoding }, payload: encodeChunkedDelta(flat, encoding) };
    const lied = dishonestOutput('train', honest, flat.length);
    const decoded = decodeChunkedDelta(lied.payload, encoding, flat.length);
    expect(decoded.ok).toBe(true);
    const honestFlat = decodeChunkedDelta(honest.payload, encoding, flat.length);
    if (!decoded.ok || !honestFlat.ok) return;
    let error = 0;
    let norm = 0;
    for (let j = 0; j < flat.length; j++) {
      error += (decoded.value[j]! - DISHONEST_DELTA_SCALE * honestFlat.value[j]!) ** 2;
      norm += (DISHONEST_DELTA_SCALE * honestFlat.value[j]!) ** 2;
    }
    expect(Math.sqrt(error / norm)).toBeLessThanOrEqual(tolerance + 1e-7);
    expect(lied.measurement).toEqual(honest.measurement);
  });

  it('claims every image of an eval task', () => {
    const lied = dishonestOutput('eval', { measurement, payload: new Uint8Array(0) }, 0);
    expect(lied.measurement).toMatchObject({ correct: 500, accuracy: 100, samples: 500 });
  });
});
