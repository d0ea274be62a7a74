import { describe, expect, it } from 'vitest';
import type { NamedTensor } from '../state/types.ts';
import { validateDelta } from './validate-delta.ts';

const tensor = (name: string, values: number[], shape = [values.length]): NamedTensor => ({ name, shape, data: Float32Array.from(values) });
const reference = [tensor('conv.w', [0, 0, 0, 0], [2, 2]), tensor('bn.gamma', [1, 1]), tensor('bn.gamma#momentum', [0, 0])];

describe('validateDelta', () => {
  it('accepts a well-formed delta in any order and returns its L2 norm', () => {
    const delta = [tensor('bn.gamma#momentum', [0, 0]), tensor('bn.gamma', [3, 0]), tensor('conv.w', [0, 4, 0, 0], [2, 2])];
    expect(validateDelta(delta, reference, 5)).toEqual({ ok: true, norm: 5 });
  });

  it.each([
    ['missing names', [tensor('conv.w', [0, 0, 0, 0], [2, 2])], 'expected the 3 tensors of the model, missing bn.gamma, bn.gamma#momentum'],
    ['unexpected names', [...reference, tensor('extra', [1])], 'expected the 3 tensors of the model, unexpected extra'],
    ['a duplicate name', [...reference, reference[1]!], 'tensor "bn.gamma" appears twice'],
    ['another shape', [tensor('conv.w', [0, 0, 0, 0], [4]), reference[1]!, reference[2]!], '"conv.w" should have shape [2,2], got [4]'],
    ['a data length that does not fit the shape', [tensor('conv.w', [0, 0, 0], [2, 2]), reference[1]!, reference[2]!], '"conv.w" has shape [2,2], so 4 values, got 3'],
    ['a NaN', [reference[0]!, tensor('bn.gamma', [0, NaN]), reference[2]!], '"bn.gamma" holds NaN at index 1'],
    ['an infinity', [tensor('conv.w', [0, 0, -Infinity, 0], [2, 2]), reference[1]!, reference[2]!], '"conv.w" holds -Infinity at index 2'],
    ['a norm over the limit', [tensor('conv.w', [0, 0, 3, 0], [2, 2]), tensor('bn.gamma', [0, 4.001]), reference[2]!], 'L2 norm 5.000'],
  ])('refuses %s with a message naming it', (_case, delta, message) => {
    const check = validateDelta(delta, reference, 5);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toContain(message);
  });

  it('lists at most five names and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => tensor(`t${i}`, [0]));
    const check = validateDelta([], many, 1);
    expect(check).toEqual({ ok: false, error: 'validateDelta: expected the 8 tensors of the model, missing t0, t1, t2, t3, t4 and 3 more' });
  });
});
