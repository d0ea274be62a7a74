// The 4x4 tile transforms of Winograd F(2x2, 3x3), four channels at a time, shared by the conv and
// its filter gradient: B^T d B of inputs, A^T m A of products, A dy A^T of output gradients.
import type { FunctionBuilder } from './assembler.ts';
import { loadV128, plainStore, storeV128, type OutputStore } from './emit.ts';

/** Where a tile's pixels are: byte offsets between rows and between pixels of a row. */
export interface TileLayout {
  row: number;
  pixel: number;
}

/** Where the 16 transformed values go (or come from): byte offset between consecutive xi. */
export interface SpreadLayout {
  xi: number;
}

export class TileTransforms {
  readonly #f: FunctionBuilder;
  readonly #d: number[];
  readonly #t: number[];

  constructor(f: FunctionBuilder) {
    this.#f = f;
    this.#d = f.locals('v128', 16);
    this.#t = f.locals('v128', 16);
  }

  #push(x: number, op: 'f32x4.add' | 'f32x4.sub', y: number): void {
    this.#f.op('local.get', x).op('local.get', y).op(op);
  }

  /** Pushes the four combinations and hands each to `store`, in order. */
  #each(pushes: (() => void)[], store: (k: number) => void): void {
    pushes.forEach((push, k) => {
      push();
      store(k);
    });
  }

  /** V[xi] = B^T d B of the 4x4 tile at `source`, with B^T x = (x0 - x2, x1 + x2, x2 - x1, x1 - x3). */
  input(source: number, tile: TileLayout, target: number, spread: SpreadLayout): void {
    const [f, d, t] = [this.#f, this.#d, this.#t];
    const combine = (x: number[], store: (k: number) => void) =>
      this.#each([() => this.#push(x[0]!, 'f32x4.sub', x[2]!), () => this.#push(x[1]!, 'f32x4.add', x[2]!), () => this.#push(x[2]!, 'f32x4.sub', x[1]!), () => this.#push(x[1]!, 'f32x4.sub', x[3]!)], store);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) loadV128(f, d[r * 4 + c]!, source, r * tile.row + c * tile.pixel);
    for (let c = 0; c < 4; c++) combine([0, 1, 2, 3].map((r) => d[r * 4 + c]!), (k) => f.op('local.set', t[k * 4 + c]!));
    for (let i = 0; i < 4; i++) {
      combine([0, 1, 2, 3].map((c) => t[i * 4 + c]!), (j) => {
        f.op('local.set', d[0]!);
        storeV128(f, target, (i * 4 + j) * spread.xi, d[0]!);
      });
    }
  }

  /** The 2x2 outputs Y = A^T m A of the 16 values at `source`, with A^T x = (x0 + x1 + x2, x1 - x2 - x3). */
  output(source: number, spread: SpreadLayout, target: number, tile: TileLayout, store: OutputStore = plainStore(this.#f)): void {
    const [f, m, r] = [this.#f, this.#d, this.#t];
    for (let k = 0; k < 16; k++) loadV128(f, m[k]!, source, k * spread.xi);
    const combine = (x: number[], store: (k: number) => void) =>
      this.#each([
        () => { this.#push(x[0]!, 'f32x4.add', x[1]!); f.op('local.get', x[2]!).op('f32x4.add'); },
        () => { this.#push(x[1]!, 'f32x4.sub', x[2]!); f.op('local.get', x[3]!).op('f32x4.sub'); },
      ], store);
    for (let c = 0; c < 4; c++) combine([0, 1, 2, 3].map((i) => m[i * 4 + c]!), (k) => f.op('local.set', r[k * 4 + c]!));
    for (let i = 0; i < 2; i++) {
      combine([0, 1, 2, 3].map((c) => r[i * 4 + c]!), (j) => {
        f.op('local.set', m[0]!);
        store(target, i * tile.row + j * tile.pixel, m[0]!);
      });
    }
  }

  /** dM[xi] = A dy A^T of the 2x2 tile at `source`, with A x = (x0, x0 + x1, x0 - x1, -x1). */
  outputGradient(source: number, tile: TileLayout, target: number, spread: SpreadLayout): void {
    const [f, g, e] = [this.#f, this.#d, this.#t];
    const combine = (x: number[], store: (k: number) => void) =>
      this.#each([() => f.op('local.get', x[0]!), () => this.#push(x[0]!, 'f32x4.add', x[1]!), () => this.#push(x[0]!, 'f32x4.sub', x[1]!), () => f.op('local.get', x[1]!).op('f32x4.neg')], store);
    for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) loadV128(f, g[u * 2 + v]!, source, u * tile.row + v * tile.pixel);
    for (let v = 0; v < 2; v++) combine([g[v]!, g[2 + v]!], (p) => f.op('local.set', e[p * 2 + v]!));
    for (let p = 0; p < 4; p++) {
      combine([e[p * 2]!, e[p * 2 + 1]!], (q) => {
        f.op('local.set', g[4]!);
        storeV128(f, target, (p * 4 + q) * spread.xi, g[4]!);
      });
    }
  }
}
