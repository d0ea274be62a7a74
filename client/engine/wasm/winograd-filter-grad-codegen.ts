// Builds the Winograd filter gradient, F(2x2, 3x3) or F(4x4, 3x3): dU[xi][ci][co] += sum over
// tiles of V[xi][tile][ci] dM[xi][tile][co] with V = B^T x B, dM = A dy A^T; then dW = G^T dU G.
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, mulAdd, offsetFrom, planeStride, registerTile, repeat, splatF32, storeV128, tileLocals } from './emit.ts';
import type { KernelBuild } from './runtime.ts';
import { TileTransforms } from './winograd-transforms.ts';
import { Winograd4Transforms } from './winograd4-transforms.ts';

export interface WinogradGradSpec {
  /** Size of x and dy (even); x comes zero-padded by one pixel on every side. */
  h: number;
  w: number;
  inC: number;
  outC: number;
  /** Input channels one call covers (a multiple of 4 dividing inC): threads share dU by them. */
  inPart: number;
  /** Output tile size: 2 (16 Winograd points) or 4 (36; h and w multiples of 4). */
  tile: 2 | 4;
}

/** Winograd points of a tile size: (tile + 2)^2. */
export const winogradPoints = (tile: 2 | 4): number => (tile + 2) ** 2;

/**
 * Tile rows transformed per GEMM: as many as keep the block within 64 tiles (a divisor of the
 * image's tile rows), so the transformed block stays in cache.
 */
export function blockRows({ h, w, tile }: WinogradGradSpec): number {
  let rows = 1;
  for (let r = 1; r <= h / tile; r++) if ((h / tile) % r === 0 && r * (w / tile) <= 64) rows = r;
  return rows;
}

/** Floats of scratch per call: one block's transformed inputs (of its channels) and output gradients. */
export function winogradGradScratch(spec: WinogradGradSpec): number {
  const tiles = blockRows(spec) * (spec.w / spec.tile);
  return (winogradPoints(spec.tile) * (planeStride(tiles * spec.inPart * 4) + planeStride(tiles * spec.outC * 4))) / 4;
}

/**
 * Function `gradient(paddedX, dy, dU, batch, scratch, firstIn)`: accumulates the batch into dU
 * [points][inC][outC] for input channels firstIn .. firstIn + inPart. Each call transforms every
 * output gradient itself, so calls for disjoint channels may run at once.
 */
export function winogradGradKernel(spec: WinogradGradSpec): KernelBuild {
  return (fma) => ({ gradient: buildGradient(spec, fma) });
}

function buildGradient(spec: WinogradGradSpec, fma: boolean): FunctionBuilder {
  const { h, w, inC, outC, inPart, tile } = spec;
  if (inPart % 4 || inC % inPart) throw new Error(`winogradGradKernel: inPart ${inPart} must be a multiple of 4 dividing ${inC}`);
  if (h % tile || w % tile) throw new Error(`winogradGradKernel: ${h}x${w} is no whole number of ${tile}x${tile} tiles`);
  const points = winogradPoints(tile);
  const { columns, rows } = registerTile(outC);
  const vectors = columns / 4;
  const tileRows = blockRows(spec);
  const blockTiles = tileRows * (w / tile);
  const [vPlane, mPlane] = [planeStride(blockTiles * inPart * 4), planeStride(blockTiles * outC * 4)];
  const f = new FunctionBuilder(Array(6).fill('i32'));
  const [X, DY, DU, BATCH, SCRATCH, FIRST_IN] = [0, 1, 2, 3, 4, 5];
  const [xRow, dyRow, pin, pout, vBase, pm, pvTile, pmTile, pdu, xiV, xiM, xiU, ciV, ciU] = f.locals('i32', 14);
  const transforms = tile === 2 ? new TileTransforms(f) : new Winograd4Transforms(f, fma);
  const { acc, b, a } = tileLocals(f, rows, vectors);
  if (transforms instanceof Winograd4Transforms) transforms.init();

  /**
   * The block's tiles from `row` on, `channels` of the tensor's `stride` channels four at a
   * time: `body` reads at pin, writes at pout.
   */
  const eachTile = (row: number, rowBytes: number, channels: number, stride: number, target: number, body: () => void) => {
    offsetFrom(f, pout, target);
    repeat(f, tileRows, () => {
      offsetFrom(f, pin, row);
      repeat(f, w / tile, () => {
        repeat(f, channels / 4, () => {
          body();
          bump(f, pin, 16);
          bump(f, pout, 16);
        });
        bump(f, pin, tile * stride * 4 - channels * 4);
      });
      bump(f, row, tile * rowBytes);
    });
  };

  // dU[xi][ci..ci+rows][co block] += V[xi][:, ci..]^T dM[xi][:, co block] over the block's tiles.
  const multiply = () => {
    offsetFrom(f, xiV, vBase);
    offsetFrom(f, xiM, SCRATCH);
    f.op('local.get', DU).op('local.get', FIRST_IN).op('i32.const', outC * 4).op('i32.mul').op('i32.add').op('local.set', xiU);
    repeat(f, points, () => {
      offsetFrom(f, ciV, xiV);
      offsetFrom(f, ciU, xiU);
      repeat(f, inPart / rows, () => {
        offsetFrom(f, pdu, ciU);
        offsetFrom(f, pm, xiM);
        repeat(f, outC / columns, () => {
          for (let m = 0; m < rows; m++) for (let q = 0; q < vectors; q++) loadV128(f, acc[m]![q]!, pdu, (m * outC + q * 4) * 4);
          offsetFrom(f, pvTile, ciV);
          offsetFrom(f, pmTile, pm);
          repeat(f, blockTiles, () => {
            for (let q = 0; q < vectors; q++) loadV128(f, b[q]!, pmTile, q * 16);
            for (let m = 0; m < rows; m++) {
              splatF32(f, a, pvTile, m * 4);
              for (let q = 0; q < vectors; q++) mulAdd(f, fma, a, b[q]!, acc[m]![q]!);
            }
            bump(f, pvTile, inPart * 4);
            bump(f, pmTile, outC * 4);
          });
          for (let m = 0; m < rows; m++) for (let q = 0; q < vectors; q++) storeV128(f, pdu, (m * outC + q * 4) * 4, acc[m]![q]!);
          bump(f, pdu, columns * 4);
          bump(f, pm, columns * 4);
        });
        bump(f, ciV, rows * 4);
        bump(f, ciU, rows * outC * 4);
      });
      bump(f, xiV, vPlane);
      bump(f, xiM, mPlane);
      bump(f, xiU, inC * outC * 4);
    });
  };

  // Scratch: dM [points][blockTiles][outC], then V [points][blockTiles][inPart].
  f.op('local.get', SCRATCH).op('i32.const', points * mPlane).op('i32.add').op('local.set', vBase);
  f.op('local.get', X).op('local.get', FIRST_IN).op('i32.const', 4).op('i32.mul').op('i32.add').op('local.set', xRow);
  offsetFrom(f, dyRow, DY);
  repeat(f, { local: BATCH }, () => {
    repeat(f, h / tile / tileRows, () => {
      eachTile(xRow, (w + 2) * inC * 4, inPart, inC, vBase, () => transforms.input(pin, { row: (w + 2) * inC * 4, pixel: inC * 4 }, pout, { xi: vPlane }));
      eachTile(dyRow, w * outC * 4, outC, outC, SCRATCH, () => transforms.outputGradient(pin, { row: w * outC * 4, pixel: outC * 4 }, pout, { xi: mPlane }));
      multiply();
    });
    bump(f, xRow, 2 * (w + 2) * inC * 4);
  });
  return f;
}
