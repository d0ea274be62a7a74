// Builds the filter gradient of a 'same' conv as a register-blocked GEMM over output pixels, image by
// image so x and dy stay in cache: dW[a, b, ci, co] += sum x[n, i*s + a - pad, j*s + b - pad, ci] dy[n, i, j, co].
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, mulAdd, offsetFrom, registerTile, repeat, splatF32, storeV128, tileLocals } from './emit.ts';
import type { KernelBuild } from './runtime.ts';

export interface FilterGradSpec {
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kernel: number;
  stride: number;
  padTop: number;
  padLeft: number;
}

/** Output rows/columns whose input position (i*s + tap - pad) lies inside [0, size). */
function validRange(tap: number, pad: number, stride: number, inSize: number, outSize: number): [number, number] {
  const first = Math.max(0, Math.ceil((pad - tap) / stride));
  const end = Math.min(outSize, Math.floor((inSize - 1 + pad - tap) / stride) + 1);
  return [first, Math.max(first, end)];
}

/**
 * Function `filterGrad(x, dy, dW, batch, firstBlock, blocks, tail)`: accumulates into dW (which the
 * caller zeroes) the input channels of `blocks` register blocks from `firstBlock` on, and with
 * `tail` the inC % rows channels after the last block. Calls for disjoint channels may run at once.
 */
export function filterGradKernel(spec: FilterGradSpec): KernelBuild {
  return (fma) => ({ filterGrad: buildFilterGrad(spec, fma) });
}

/** Input channels per register block of the filter gradient's tile (its rows). */
export const filterGradBlock = (outC: number): number => registerTile(outC).rows;

function buildFilterGrad(spec: FilterGradSpec, fma: boolean): FunctionBuilder {
  const { inH, inW, inC, outH, outW, outC, kernel: k, stride: s, padTop, padLeft } = spec;
  const { columns, rows } = registerTile(outC);
  const vectors = columns / 4;
  const f = new FunctionBuilder(Array(7).fill('i32'));
  const [X, DY, DW, BATCH, FIRST_BLOCK, BLOCKS, TAIL] = [0, 1, 2, 3, 4, 5, 6];
  const [xImage, dyImage, dyTap, dwTap, xc, zc, pdw, px, pz, xFirst, dwFirst] = f.locals('i32', 11);
  const { acc, b, a } = tileLocals(f, rows, vectors);

  // One ci block of `block` input channels against every output-channel block of this tap.
  const channelBlock = (block: number, rowCount: number, columnCount: number) => {
    offsetFrom(f, pdw, dwTap);
    offsetFrom(f, zc, dyTap);
    repeat(f, outC / columns, () => {
      for (let m = 0; m < block; m++) for (let q = 0; q < vectors; q++) loadV128(f, acc[m]![q]!, pdw, (m * outC + q * 4) * 4);
      offsetFrom(f, px, xc);
      offsetFrom(f, pz, zc);
      repeat(f, rowCount, () => {
        repeat(f, columnCount, () => {
          for (let q = 0; q < vectors; q++) loadV128(f, b[q]!, pz, q * 16);
          for (let m = 0; m < block; m++) {
            splatF32(f, a, px, m * 4);
            for (let q = 0; q < vectors; q++) mulAdd(f, fma, a, b[q]!, acc[m]![q]!);
          }
          bump(f, px, s * inC * 4);
          bump(f, pz, outC * 4);
        });
        bump(f, px, (s * inW - columnCount * s) * inC * 4);
        bump(f, pz, (outW - columnCount) * outC * 4);
      });
      for (let m = 0; m < block; m++) for (let q = 0; q < vectors; q++) storeV128(f, pdw, (m * outC + q * 4) * 4, acc[m]![q]!);
      bump(f, pdw, columns * 4);
      bump(f, zc, columns * 4);
    });
  };

  // Byte offsets of the first block's channels in x and in dW.
  f.op('local.get', FIRST_BLOCK).op('i32.const', rows * 4).op('i32.mul').op('local.set', xFirst);
  f.op('local.get', FIRST_BLOCK).op('i32.const', rows * outC * 4).op('i32.mul').op('local.set', dwFirst);
  offsetFrom(f, xImage, X);
  offsetFrom(f, dyImage, DY);
  repeat(f, { local: BATCH }, () => {
    for (let ta = 0; ta < k; ta++) {
      for (let tb = 0; tb < k; tb++) {
        const [i0, i1] = validRange(ta, padTop, s, inH, outH);
        const [j0, j1] = validRange(tb, padLeft, s, inW, outW);
        if (i1 === i0 || j1 === j0) continue;
        f.op('local.get', xImage).op('local.get', xFirst).op('i32.add').op('local.set', xc);
        bump(f, xc, ((i0 * s + ta - padTop) * inW + (j0 * s + tb - padLeft)) * inC * 4);
        f.op('local.get', DW).op('local.get', dwFirst).op('i32.add').op('local.set', dwTap);
        bump(f, dwTap, (ta * k + tb) * inC * outC * 4);
        offsetFrom(f, dyTap, dyImage, (i0 * outW + j0) * outC * 4);
        f.op('local.get', BLOCKS).op('if');
        repeat(f, { local: BLOCKS }, () => {
          channelBlock(rows, i1 - i0, j1 - j0);
          bump(f, xc, rows * 4);
          bump(f, dwTap, rows * outC * 4);
        });
        f.op('end');
        if (inC % rows) {
          f.op('local.get', TAIL).op('if');
          channelBlock(inC % rows, i1 - i0, j1 - j0);
          f.op('end');
        }
      }
    }
    bump(f, xImage, inH * inW * inC * 4);
    bump(f, dyImage, outH * outW * outC * 4);
  });
  return f;
}
