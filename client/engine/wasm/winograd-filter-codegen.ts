// Builds the filter-side transforms of Winograd F(2x2, 3x3): U = G g G^T for every channel pair
// (in the layout the Winograd conv streams through), and dW = G^T dU G for the filter gradient.
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, offsetFrom, registerTile, repeat, storeV128 } from './emit.ts';
import type { KernelBuild } from './runtime.ts';

/**
 * Function `transform(filter, U, blocks)` for `blocks` blocks of output channels from the given
 * addresses (calls for different blocks may run at once): U = G g G^T (G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]])
 * for every channel pair of filter [9][inC][outC], packed as [outC / columns][16][inC][columns].
 */
export function winogradFilterKernel(inC: number, outC: number): KernelBuild {
  return () => ({ transform: buildFilterTransform(inC, outC) });
}

function buildFilterTransform(inC: number, outC: number): FunctionBuilder {
  const { columns } = registerTile(outC);
  const f = new FunctionBuilder(['i32', 'i32', 'i32']);
  const [FILTER, U, BLOCKS] = [0, 1, 2];
  const [source, target] = f.locals('i32', 2);
  const g = f.locals('v128', 9);
  const gg = f.locals('v128', 12);
  const half = f.local('v128');
  f.op('f32.const', 0.5).op('f32x4.splat').op('local.set', half);
  // (x0, x1, x2) -> (x0, (x0 + x1 + x2) / 2, (x0 - x1 + x2) / 2, x2), each pushed before `store`.
  const combine = (x: number[], store: (k: number) => void) => {
    f.op('local.get', x[0]!);
    store(0);
    f.op('local.get', x[0]!).op('local.get', x[1]!).op('f32x4.add').op('local.get', x[2]!).op('f32x4.add').op('local.get', half).op('f32x4.mul');
    store(1);
    f.op('local.get', x[0]!).op('local.get', x[1]!).op('f32x4.sub').op('local.get', x[2]!).op('f32x4.add').op('local.get', half).op('f32x4.mul');
    store(2);
    f.op('local.get', x[2]!);
    store(3);
  };
  offsetFrom(f, source, FILTER);
  offsetFrom(f, target, U);
  repeat(f, { local: BLOCKS }, () => {
    repeat(f, inC, () => {
      for (let q = 0; q < columns / 4; q++) {
        for (let t = 0; t < 9; t++) loadV128(f, g[t]!, source, (t * inC * outC + q * 4) * 4);
        for (let c = 0; c < 3; c++) combine([g[c]!, g[3 + c]!, g[6 + c]!], (r) => f.op('local.set', gg[r * 3 + c]!));
        for (let r = 0; r < 4; r++) {
          combine([gg[r * 3]!, gg[r * 3 + 1]!, gg[r * 3 + 2]!], (c) => {
            f.op('local.set', g[0]!);
            storeV128(f, target, ((r * 4 + c) * inC * columns + q * 4) * 4, g[0]!);
          });
        }
      }
      bump(f, source, outC * 4);
      bump(f, target, columns * 4);
    });
    // Next block of output channels: back to the first input channel, `columns` further along.
    bump(f, source, (columns - inC * outC) * 4);
    bump(f, target, 15 * inC * columns * 4);
  });
  return f;
}

/**
 * Function `untransform(dU, dW, vectors)`: the filter gradient dW = G^T dU G of F(2x2, 3x3), from
 * dU [16][inC][outC] to dW [3][3][inC][outC], `vectors` of four channels from the given addresses.
 */
export function winogradFilterGradKernel(inC: number, outC: number): KernelBuild {
  return () => ({ untransform: buildUntransform(inC, outC) });
}

function buildUntransform(inC: number, outC: number): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32']);
  const [DU, DW, VECTORS] = [0, 1, 2];
  const [source, target] = f.locals('i32', 2);
  const u = f.locals('v128', 16);
  const t = f.locals('v128', 12);
  const [half, sum] = f.locals('v128', 2);
  const plane = inC * outC * 4;
  f.op('f32.const', 0.5).op('f32x4.splat').op('local.set', half);
  // G^T x = (x0 + (x1 + x2) / 2, (x1 - x2) / 2, (x1 + x2) / 2 + x3), each pushed before `store`.
  const combine = (x: number[], store: (k: number) => void) => {
    f.op('local.get', x[1]!).op('local.get', x[2]!).op('f32x4.add').op('local.get', half).op('f32x4.mul').op('local.set', sum);
    f.op('local.get', x[0]!).op('local.get', sum).op('f32x4.add');
    store(0);
    f.op('local.get', x[1]!).op('local.get', x[2]!).op('f32x4.sub').op('local.get', half).op('f32x4.mul');
    store(1);
    f.op('local.get', sum).op('local.get', x[3]!).op('f32x4.add');
    store(2);
  };
  offsetFrom(f, source, DU);
  offsetFrom(f, target, DW);
  repeat(f, { local: VECTORS }, () => {
    for (let k = 0; k < 16; k++) loadV128(f, u[k]!, source, k * plane);
    for (let p = 0; p < 4; p++) combine([0, 1, 2, 3].map((q) => u[p * 4 + q]!), (b) => f.op('local.set', t[p * 3 + b]!));
    for (let b = 0; b < 3; b++) {
      combine([0, 1, 2, 3].map((p) => t[p * 3 + b]!), (a) => {
        f.op('local.set', u[0]!);
        storeV128(f, target, (a * 3 + b) * plane, u[0]!);
      });
    }
    bump(f, source, 16);
    bump(f, target, 16);
  });
  return f;
}
