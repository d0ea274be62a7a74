// Builds the batch-norm kernels for one channel count (a multiple of 4): the reductions come from
// norm-reduce-codegen; here the fused element-wise passes, forward and closed-form backward.
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, offsetFrom, pushMulAdd, repeat, storeV128, zero } from './emit.ts';
import { chunkMoments, gradReduce, pushMaskedGrad } from './norm-reduce-codegen.ts';
import type { KernelBuild } from './runtime.ts';

export interface NormSpec {
  channels: number;
  relu: boolean;
  /** apply: add a residual tensor before the ReLU; gradApply: also write the masked gradient. */
  residual: boolean;
}

/** apply(pixels, x, scaleShift, residual, out): out = relu?(x * scale + shift + residual?). */
function apply(spec: NormSpec, fma: boolean): FunctionBuilder {
  const { channels } = spec;
  const f = new FunctionBuilder(Array(5).fill('i32'));
  const [PIXELS, X, COEFFICIENTS, RESIDUAL, OUT] = [0, 1, 2, 3, 4];
  const [px, pr, po] = f.locals('i32', 3);
  const [x, scale, shift, zeroVector] = f.locals('v128', 4);
  zero(f, zeroVector);
  offsetFrom(f, px, X);
  offsetFrom(f, pr, RESIDUAL);
  offsetFrom(f, po, OUT);
  repeat(f, { local: PIXELS }, () => {
    for (let v = 0; v < channels / 4; v++) {
      loadV128(f, x, px, v * 16);
      loadV128(f, scale, COEFFICIENTS, v * 16);
      loadV128(f, shift, COEFFICIENTS, (channels + v * 4) * 4);
      f.op('local.get', po);
      pushMulAdd(f, fma, x, scale, shift);
      if (spec.residual) f.op('local.get', pr).op('v128.load', v * 16).op('f32x4.add');
      if (spec.relu) f.op('local.get', zeroVector).op('f32x4.max');
      f.op('v128.store', v * 16);
    }
    for (const pointer of [px, pr, po]) bump(f, pointer, channels * 4);
  });
  return f;
}

/**
 * gradApply(pixels, dy, y, x, coefficients, dx, g) with coefficients [mean, a, b, c] per channel:
 * g = masked dy, dx = g * a + (x - mean) * b + c; with `residual` it also writes g.
 */
function gradApply(spec: NormSpec, fma: boolean): FunctionBuilder {
  const { channels } = spec;
  const f = new FunctionBuilder(Array(7).fill('i32'));
  const [PIXELS, DY, Y, X, COEFFICIENTS, DX, G] = [0, 1, 2, 3, 4, 5, 6];
  const pointers = f.locals('i32', 5);
  const [pdy, py, px, pdx, pg] = pointers;
  const [g, centered, a, b, c, partial, zeroVector] = f.locals('v128', 7);
  const coefficient = (k: number, v: number) => (k * channels + v * 4) * 4;
  zero(f, zeroVector);
  [DY, Y, X, DX, G].forEach((param, i) => offsetFrom(f, pointers[i]!, param));
  repeat(f, { local: PIXELS }, () => {
    for (let v = 0; v < channels / 4; v++) {
      pushMaskedGrad(f, spec.relu, pdy, py, v * 16, zeroVector);
      f.op('local.set', g);
      if (spec.residual) storeV128(f, pg, v * 16, g);
      f.op('local.get', px).op('v128.load', v * 16).op('local.get', COEFFICIENTS).op('v128.load', coefficient(0, v)).op('f32x4.sub').op('local.set', centered);
      loadV128(f, a, COEFFICIENTS, coefficient(1, v));
      loadV128(f, b, COEFFICIENTS, coefficient(2, v));
      loadV128(f, c, COEFFICIENTS, coefficient(3, v));
      pushMulAdd(f, fma, g, a, c);
      f.op('local.set', partial);
      f.op('local.get', pdx);
      pushMulAdd(f, fma, centered, b, partial);
      f.op('v128.store', v * 16);
    }
    for (const pointer of pointers) bump(f, pointer, channels * 4);
  });
  return f;
}

export type NormKernelKind = 'chunkMoments' | 'gradReduce' | 'apply' | 'gradApply';

/** One module per kind and spec, exporting a function named after the kind. */
export function normKernel(kind: NormKernelKind, spec: NormSpec): KernelBuild {
  return (fma) => {
    const build: Record<NormKernelKind, () => FunctionBuilder> = {
      chunkMoments: () => chunkMoments(spec.channels, fma),
      gradReduce: () => gradReduce(spec.relu, spec.channels, fma),
      apply: () => apply(spec, fma),
      gradApply: () => gradApply(spec, fma),
    };
    return { [kind]: build[kind]() };
  };
}
