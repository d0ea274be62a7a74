// Builds a Winograd F(4x4, 3x3) convolution (3x3 stride-1 'same', sizes a multiple of 4): 36
// small GEMMs over transformed 6x6 tiles, 4x fewer multiplications than direct, over blocks of
// tile rows so the transformed tiles stay in cache; and the filter transform it needs.
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, mulAdd, normalizedStore, offsetFrom, planeStride, registerTile, repeat, splatF32, storeV128, tileLocals, zero } from './emit.ts';
import type { KernelBuild } from './runtime.ts';
import { Winograd4Transforms } from './winograd4-transforms.ts';

export interface Winograd4Spec {
  /** Output size (multiples of 4); the input comes zero-padded by one pixel on every side. */
  h: number;
  w: number;
  inC: number;
  outC: number;
  /** Tile rows transformed and multiplied together (dividing h / 4). */
  blockRows: number;
  /** Evaluation mode's batch norm applied as each output is stored (see winogradEpilogue). */
  epilogue?: WinogradEpilogue;
}

/**
 * Outputs stored as relu?(y * scale + shift + residual?): two more parameters, the packed
 * [scale][shift] per output channel and the residual's address (shaped like the output).
 */
export interface WinogradEpilogue {
  relu: boolean;
  residual: boolean;
}

/** Tiles per block: enough to reuse each filter slab, few enough that the block stays in L2. */
const BLOCK_TILES = 16;

/** The most tile rows (dividing h / 4) whose tiles fit in one block. */
export function winograd4BlockRows(h: number, w: number): number {
  let rows = 1;
  for (let r = 1; r <= h / 4; r++) if ((h / 4) % r === 0 && r * (w / 4) <= BLOCK_TILES) rows = r;
  return rows;
}

/** Floats of scratch per call: one block's transformed inputs and GEMM outputs. */
export function winograd4Scratch({ w, inC, outC, blockRows }: Winograd4Spec): number {
  const tiles = blockRows * (w / 4);
  return (36 * (planeStride(tiles * inC * 4) + planeStride(tiles * registerTile(outC).columns * 4))) / 4;
}

/**
 * Function `winograd(paddedIn, U, out, batch, scratch[, coefficients, residual])`; addresses are
 * heap byte offsets, and U is the transformed filter G g G^T packed as [outC / columns][36][inC][columns]
 * (winograd4FilterKernel).
 */
export function winograd4Kernel(spec: Winograd4Spec): KernelBuild {
  const { h, w, inC, outC, blockRows } = spec;
  if (h % 4 || w % 4 || inC % 4 || outC % 4 || (h / 4) % blockRows) throw new Error(`winograd4Kernel: needs sizes in 4s, channels % 4 == 0 and block rows dividing h / 4, got ${h}x${w}, ${inC} -> ${outC}, ${blockRows} rows`);
  return (fma) => ({ winograd: buildWinograd4(spec, fma) });
}

function buildWinograd4({ h, w, inC, outC, blockRows, epilogue }: Winograd4Spec, fma: boolean): FunctionBuilder {
  const { columns, rows } = registerTile(outC);
  const vectors = columns / 4;
  const tilesPerRow = w / 4;
  const blockTiles = blockRows * tilesPerRow;
  const [vPlane, mPlane] = [planeStride(blockTiles * inC * 4), planeStride(blockTiles * columns * 4)];
  const inRow = (w + 2) * inC * 4;
  const outRow = w * outC * 4;
  const f = new FunctionBuilder(Array(epilogue ? 7 : 5).fill('i32'));
  const [IN, U, OUT, BATCH, SCRATCH, COEFFICIENTS, RESIDUAL] = [0, 1, 2, 3, 4, 5, 6];
  const [rowIn, rowOut, tileRow, px, pv, pu, pm, pmTile, po, pvTile, pk, puk, blockOut, mBase, pc, blockCoefficients, residualDelta] = f.locals('i32', 17);
  const transforms = new Winograd4Transforms(f, fma);
  const { acc, b, a } = tileLocals(f, rows, vectors);
  const [scale, shift, zeroVector] = f.locals('v128', 3);
  transforms.init();
  const store = epilogue ? normalizedStore(f, fma, { scale, shift, zero: zeroVector, residualDelta: epilogue.residual ? residualDelta : null, relu: epilogue.relu }) : undefined;
  if (epilogue) {
    zero(f, zeroVector);
    f.op('local.get', RESIDUAL).op('local.get', OUT).op('i32.sub').op('local.set', residualDelta);
    offsetFrom(f, blockCoefficients, COEFFICIENTS);
  }

  // Phase 1: V[xi][tile][ci] = B^T d B for every tile of the block, four input channels at a time.
  const transformInputs = () => {
    offsetFrom(f, pv, SCRATCH);
    offsetFrom(f, tileRow, rowIn);
    repeat(f, blockRows, () => {
      offsetFrom(f, px, tileRow);
      repeat(f, tilesPerRow, () => {
        repeat(f, inC / 4, () => {
          transforms.input(px, { row: inRow, pixel: inC * 4 }, pv, { xi: vPlane });
          bump(f, px, 16);
          bump(f, pv, 16);
        });
        bump(f, px, 4 * inC * 4 - inC * 4);
      });
      bump(f, tileRow, 4 * inRow);
    });
  };

  // Phase 2: M[xi][tile][co] = V[xi][tile][:] . U[xi][:][co] for one block of output channels.
  const gemmTile = (pixels: number) => {
    for (let m = 0; m < pixels; m++) for (const v of acc[m]!) zero(f, v);
    offsetFrom(f, pk, pvTile);
    offsetFrom(f, puk, pu);
    repeat(f, inC / 4, () => {
      for (let ci = 0; ci < 4; ci++) {
        for (let q = 0; q < vectors; q++) loadV128(f, b[q]!, puk, (ci * columns + q * 4) * 4);
        for (let m = 0; m < pixels; m++) {
          splatF32(f, a, pk, (m * inC + ci) * 4);
          for (let q = 0; q < vectors; q++) mulAdd(f, fma, a, b[q]!, acc[m]![q]!);
        }
      }
      bump(f, pk, 16);
      bump(f, puk, 4 * columns * 4);
    });
    for (let m = 0; m < pixels; m++) for (let q = 0; q < vectors; q++) storeV128(f, pmTile, (m * columns + q * 4) * 4, acc[m]![q]!);
  };
  const multiply = () => {
    offsetFrom(f, pv, SCRATCH);
    offsetFrom(f, pm, mBase);
    repeat(f, 36, () => {
      offsetFrom(f, pvTile, pv);
      offsetFrom(f, pmTile, pm);
      repeat(f, Math.floor(blockTiles / rows), () => {
        gemmTile(rows);
        bump(f, pvTile, rows * inC * 4);
        bump(f, pmTile, rows * columns * 4);
      });
      if (blockTiles % rows) gemmTile(blockTiles % rows);
      bump(f, pv, vPlane);
      bump(f, pm, mPlane);
      bump(f, pu, inC * columns * 4);
    });
  };

  // Phase 3: the 4x4 outputs of each tile, Y = A^T M A, four output channels at a time.
  const transformOutputs = () => {
    offsetFrom(f, pm, mBase);
    offsetFrom(f, tileRow, blockOut);
    repeat(f, blockRows, () => {
      offsetFrom(f, po, tileRow);
      repeat(f, tilesPerRow, () => {
        if (epilogue) offsetFrom(f, pc, blockCoefficients);
        repeat(f, vectors, () => {
          if (epilogue) {
            loadV128(f, scale, pc, 0);
            loadV128(f, shift, pc, outC * 4);
            bump(f, pc, 16);
          }
          transforms.output(pm, { xi: mPlane }, po, { row: outRow, pixel: outC * 4 }, store);
          bump(f, pm, 16);
          bump(f, po, 16);
        });
        bump(f, po, 4 * outC * 4 - columns * 4);
      });
      bump(f, tileRow, 4 * outRow);
    });
  };

  f.op('local.get', SCRATCH).op('i32.const', 36 * vPlane).op('i32.add').op('local.set', mBase);
  offsetFrom(f, rowIn, IN);
  offsetFrom(f, rowOut, OUT);
  repeat(f, { local: BATCH }, () => {
    repeat(f, h / 4 / blockRows, () => {
      transformInputs();
      offsetFrom(f, pu, U);
      offsetFrom(f, blockOut, rowOut);
      if (epilogue) offsetFrom(f, blockCoefficients, COEFFICIENTS);
      repeat(f, outC / columns, () => {
        multiply();
        transformOutputs();
        bump(f, blockOut, columns * 4);
        if (epilogue) bump(f, blockCoefficients, columns * 4);
      });
      bump(f, rowIn, 4 * blockRows * inRow);
      bump(f, rowOut, 4 * blockRows * outRow);
    });
    bump(f, rowIn, 2 * inRow);
  });
  return f;
}

/**
 * Function `transform(filter, U, blocks)`: U = G g G^T for every channel pair of filter
 * [9][inC][outC], packed as [outC / columns][36][inC][columns] for the conv above, for `blocks`
 * blocks of output channels from the given addresses (calls for different blocks may run at once).
 */
export function winograd4FilterKernel(inC: number, outC: number): KernelBuild {
  return (fma) => ({ transform: buildFilterTransform(inC, outC, fma) });
}

function buildFilterTransform(inC: number, outC: number, fma: boolean): FunctionBuilder {
  const { columns } = registerTile(outC);
  const f = new FunctionBuilder(['i32', 'i32', 'i32']);
  const [FILTER, U, BLOCKS] = [0, 1, 2];
  const [source, target] = f.locals('i32', 2);
  const transforms = new Winograd4Transforms(f, fma);
  transforms.init();
  offsetFrom(f, source, FILTER);
  offsetFrom(f, target, U);
  repeat(f, { local: BLOCKS }, () => {
    repeat(f, inC, () => {
      repeat(f, columns / 4, () => {
        transforms.filter(source, inC * outC * 4, target, { xi: inC * columns * 4 });
        bump(f, source, 16);
        bump(f, target, 16);
      });
      bump(f, source, (outC - columns) * 4);
    });
    // Next block of output channels: back to the first input channel, `columns` further along.
    bump(f, source, (columns - inC * outC) * 4);
    bump(f, target, (36 * inC - inC) * columns * 4);
  });
  return f;
}

/**
 * Function `untransform(dU, dW, vectors)`: the filter gradient dW = G^T dU G of F(4x4, 3x3), from
 * dU [36][inC][outC] to dW [3][3][inC][outC], `vectors` of four channels from the given addresses.
 */
export function winograd4FilterGradKernel(inC: number, outC: number): KernelBuild {
  return (fma) => ({ untransform: buildUntransform(inC, outC, fma) });
}

function buildUntransform(inC: number, outC: number, fma: boolean): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32']);
  const [DU, DW, VECTORS] = [0, 1, 2];
  const [source, target] = f.locals('i32', 2);
  const transforms = new Winograd4Transforms(f, fma);
  const plane = inC * outC * 4;
  transforms.init();
  offsetFrom(f, source, DU);
  offsetFrom(f, target, DW);
  repeat(f, { local: VECTORS }, () => {
    transforms.filterGradient(source, { xi: plane }, target, plane);
    bump(f, source, 16);
    bump(f, target, 16);
  });
  return f;
}
