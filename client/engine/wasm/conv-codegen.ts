// Builds a shape-specialised direct conv (implicit GEMM over zero-padded NHWC, branch-free):
// out[n, q*outStride + offset] = sum over taps and channels of in[n, q*inStride + tap] * weights[tap].
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, mulAdd, offsetFrom, registerTile, repeat, splatF32, storeV128, tileLocals, zero } from './emit.ts';
import type { KernelBuild } from './runtime.ts';

export interface ConvTap {
  /** Input position relative to (qh * inStride, qw * inStride), inside the (padded) input. */
  dh: number;
  dw: number;
  /** Which [inChannels, outChannels] slice of the weights this tap multiplies. */
  index: number;
}

export interface ConvKernelSpec {
  /** The input as the kernel reads it: already zero-padded, so every tap of every position is inside. */
  inH: number;
  inW: number;
  inC: number;
  outC: number;
  /** Output positions this kernel computes. */
  gridH: number;
  gridW: number;
  /** Spatial size of the output tensor it writes into. */
  outH: number;
  outW: number;
  inStride: number;
  outStride: number;
  outOffsetH: number;
  outOffsetW: number;
  taps: ConvTap[];
  /** Weight taps in all (weights may hold taps this kernel skips, as a stride phase does). */
  weightTaps: number;
}

/** Input channels per trip of the reduction loop; taps are unrolled inside it. */
const CHANNEL_UNROLL = 4;

/**
 * Function `conv(in, packedWeights, out, batch)`; addresses are heap byte offsets, and the weights
 * are packed as [outC / columns][inC][tap][columns] (conv-operands packedFilter).
 */
export function convKernel(spec: ConvKernelSpec): KernelBuild {
  const bad = spec.taps.find((t) => t.dh < 0 || t.dw < 0 || (spec.gridH - 1) * spec.inStride + t.dh >= spec.inH || (spec.gridW - 1) * spec.inStride + t.dw >= spec.inW);
  if (bad) throw new Error(`convKernel: tap (${bad.dh}, ${bad.dw}) reaches outside the ${spec.inH}x${spec.inW} padded input`);
  return (fma) => ({ conv: buildConv(spec, fma) });
}

function buildConv(spec: ConvKernelSpec, fma: boolean): FunctionBuilder {
  const { inH, inW, inC, outC, inStride: is, outStride: os, taps } = spec;
  const { columns, rows } = registerTile(outC);
  const T = spec.weightTaps;
  const vectors = columns / 4;

  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32']);
  const [IN, WEIGHTS, OUT, BATCH] = [0, 1, 2, 3];
  const [weightBlock, outBlock, inImage, outImage, rowIn, rowOut, px, po, pxk, pwk] = f.locals('i32', 10);
  const { acc, b, a } = tileLocals(f, rows, vectors);

  // A tile of `pixels` output positions by `columns` output channels; taps unrolled, channels looped.
  const microKernel = (pixels: number) => {
    for (let m = 0; m < pixels; m++) for (const v of acc[m]!) zero(f, v);
    const step = (ci: number) => {
      for (const tap of taps) {
        for (let q = 0; q < vectors; q++) loadV128(f, b[q]!, pwk, ((ci * T + tap.index) * columns + q * 4) * 4);
        for (let m = 0; m < pixels; m++) {
          splatF32(f, a, pxk, ((tap.dh * inW + m * is + tap.dw) * inC + ci) * 4);
          for (let q = 0; q < vectors; q++) mulAdd(f, fma, a, b[q]!, acc[m]![q]!);
        }
      }
    };
    if (taps.length > 0) {
      offsetFrom(f, pxk, px);
      offsetFrom(f, pwk, weightBlock);
      repeat(f, Math.floor(inC / CHANNEL_UNROLL), () => {
        for (let ci = 0; ci < CHANNEL_UNROLL; ci++) step(ci);
        bump(f, pxk, CHANNEL_UNROLL * 4);
        bump(f, pwk, CHANNEL_UNROLL * T * columns * 4);
      });
      for (let ci = 0; ci < inC % CHANNEL_UNROLL; ci++) step(ci);
    }
    for (let m = 0; m < pixels; m++) for (let q = 0; q < vectors; q++) storeV128(f, po, (m * os * outC + q * 4) * 4, acc[m]![q]!);
  };

  offsetFrom(f, weightBlock, WEIGHTS);
  offsetFrom(f, outBlock, OUT);
  repeat(f, outC / columns, () => {
    offsetFrom(f, inImage, IN);
    offsetFrom(f, outImage, outBlock);
    repeat(f, { local: BATCH }, () => {
      offsetFrom(f, rowIn, inImage);
      offsetFrom(f, rowOut, outImage, (spec.outOffsetH * spec.outW + spec.outOffsetW) * outC * 4);
      repeat(f, spec.gridH, () => {
        offsetFrom(f, px, rowIn);
        offsetFrom(f, po, rowOut);
        repeat(f, Math.floor(spec.gridW / rows), () => {
          microKernel(rows);
          bump(f, px, rows * is * inC * 4);
          bump(f, po, rows * os * outC * 4);
        });
        if (spec.gridW % rows) microKernel(spec.gridW % rows);
        bump(f, rowIn, is * inW * inC * 4);
        bump(f, rowOut, os * spec.outW * outC * 4);
      });
      bump(f, inImage, inH * inW * inC * 4);
      bump(f, outImage, spec.outH * spec.outW * outC * 4);
    });
    bump(f, weightBlock, inC * T * columns * 4);
    bump(f, outBlock, columns * 4);
  });
  return f;
}
