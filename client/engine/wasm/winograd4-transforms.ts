// The tile transforms of Winograd F(4x4, 3x3) (Lavin and Gray; points 0, 1, -1, 2, -2 and
// infinity), four channels at a time: B^T d B of 6x6 input tiles, A^T m A of products, G g G^T
// of 3x3 filters, and for the filter gradient A dy A^T of 4x4 output gradients and G^T dU G.
// Each 1-D combination shares its partial sums.
import type { FunctionBuilder } from './assembler.ts';
import { loadV128, plainStore, pushMulAdd, storeV128, type OutputStore } from './emit.ts';

/** Byte offsets between rows and between pixels of a tile in its tensor. */
export interface TileLayout {
  row: number;
  pixel: number;
}

/** Transformed values of one tile: element (i, j) of the 6x6 at `i * 6 + j` times `xi` bytes. */
export interface SpreadLayout {
  xi: number;
}

const CONSTANTS = { four: 4, minusFour: -4, minusFive: -5, two: 2, minusTwo: -2, eight: 8, quarter: 1 / 4, minusSixth: -1 / 6, sixth: 1 / 6, twelfth: 1 / 12, minusTwelfth: -1 / 12, twentyFourth: 1 / 24 };

export class Winograd4Transforms {
  readonly #f: FunctionBuilder;
  readonly #fma: boolean;
  readonly #x: number[];
  readonly #t: number[];
  readonly #tmp: number[];
  readonly #k: Record<keyof typeof CONSTANTS, number>;

  /** Declares its locals; call before the function's first instruction that needs them. */
  constructor(f: FunctionBuilder, fma: boolean) {
    this.#f = f;
    this.#fma = fma;
    this.#x = f.locals('v128', 36);
    this.#t = f.locals('v128', 36);
    this.#tmp = f.locals('v128', 6);
    this.#k = Object.fromEntries(Object.keys(CONSTANTS).map((name) => [name, f.local('v128')])) as Record<keyof typeof CONSTANTS, number>;
  }

  /** Sets the constant vectors; emit once at the start of the function. */
  init(): void {
    for (const [name, value] of Object.entries(CONSTANTS)) this.#f.op('f32.const', value).op('f32x4.splat').op('local.set', this.#k[name as keyof typeof CONSTANTS]);
  }

  #binary(target: number, a: number, op: 'f32x4.add' | 'f32x4.sub' | 'f32x4.mul', b: number): void {
    this.#f.op('local.get', a).op('local.get', b).op(op).op('local.set', target);
  }

  /** target = k * a + b */
  #madd(target: number, k: number, a: number, b: number): void {
    pushMulAdd(this.#f, this.#fma, k, a, b);
    this.#f.op('local.set', target);
  }

  /** B^T x: (4x0 - 5x2 + x4, -4(x1 + x2) + x3 + x4, 4(x1 - x2) - x3 + x4, 2(x3 - x1) - x2 + x4, -2(x3 - x1) - x2 + x4, 4x1 - 5x3 + x5). */
  #inputCombine(x: number[], out: number[]): void {
    const [p, s12, s34, d12, d43, e] = this.#tmp as [number, number, number, number, number, number];
    const k = this.#k;
    this.#madd(p, k.minusFive, x[2]!, x[4]!);
    this.#madd(out[0]!, k.four, x[0]!, p);
    this.#binary(s12, x[1]!, 'f32x4.add', x[2]!);
    this.#binary(s34, x[3]!, 'f32x4.add', x[4]!);
    this.#madd(out[1]!, k.minusFour, s12, s34);
    this.#binary(d12, x[1]!, 'f32x4.sub', x[2]!);
    this.#binary(d43, x[4]!, 'f32x4.sub', x[3]!);
    this.#madd(out[2]!, k.four, d12, d43);
    this.#binary(e, x[4]!, 'f32x4.sub', x[2]!);
    this.#binary(p, x[3]!, 'f32x4.sub', x[1]!);
    this.#madd(out[3]!, k.two, p, e);
    this.#madd(out[4]!, k.minusTwo, p, e);
    this.#madd(p, k.minusFive, x[3]!, x[5]!);
    this.#madd(out[5]!, k.four, x[1]!, p);
  }

  /** A^T m: (m0 + m1 + m2 + m3 + m4, m1 - m2 + 2(m3 - m4), m1 + m2 + 4(m3 + m4), m1 - m2 + 8(m3 - m4) + m5). */
  #outputCombine(m: number[], out: number[]): void {
    const [a, b, c, d] = this.#tmp as [number, number, number, number];
    const k = this.#k;
    this.#binary(a, m[1]!, 'f32x4.add', m[2]!);
    this.#binary(b, m[1]!, 'f32x4.sub', m[2]!);
    this.#binary(c, m[3]!, 'f32x4.add', m[4]!);
    this.#binary(d, m[3]!, 'f32x4.sub', m[4]!);
    this.#binary(out[0]!, m[0]!, 'f32x4.add', a);
    this.#binary(out[0]!, out[0]!, 'f32x4.add', c);
    this.#madd(out[1]!, k.two, d, b);
    this.#madd(out[2]!, k.four, c, a);
    this.#madd(out[3]!, k.eight, d, b);
    this.#binary(out[3]!, out[3]!, 'f32x4.add', m[5]!);
  }

  /** G g: (g0 / 4, -(g0 + g1 + g2) / 6, -(g0 - g1 + g2) / 6, g0 / 24 + g1 / 12 + g2 / 6, g0 / 24 - g1 / 12 + g2 / 6, g2). */
  #filterCombine(g: number[], out: number[]): void {
    const [s, p, q] = this.#tmp as [number, number, number];
    const k = this.#k;
    this.#binary(out[0]!, g[0]!, 'f32x4.mul', k.quarter);
    this.#binary(s, g[0]!, 'f32x4.add', g[2]!);
    this.#binary(p, s, 'f32x4.add', g[1]!);
    this.#binary(out[1]!, p, 'f32x4.mul', k.minusSixth);
    this.#binary(p, s, 'f32x4.sub', g[1]!);
    this.#binary(out[2]!, p, 'f32x4.mul', k.minusSixth);
    this.#binary(p, g[0]!, 'f32x4.mul', k.twentyFourth);
    this.#madd(p, k.sixth, g[2]!, p);
    this.#binary(q, g[1]!, 'f32x4.mul', k.twelfth);
    this.#binary(out[3]!, p, 'f32x4.add', q);
    this.#binary(out[4]!, p, 'f32x4.sub', q);
    this.#f.op('local.get', g[2]!).op('local.set', out[5]!);
  }

  /** A y: (y0, y0 + y1 + y2 + y3, y0 - y1 + y2 - y3, y0 + 2y1 + 4y2 + 8y3, y0 - 2y1 + 4y2 - 8y3, y3). */
  #gradientCombine(y: number[], out: number[]): void {
    const [s, t, p, q] = this.#tmp as [number, number, number, number];
    const k = this.#k;
    this.#f.op('local.get', y[0]!).op('local.set', out[0]!);
    this.#binary(s, y[0]!, 'f32x4.add', y[2]!);
    this.#binary(t, y[1]!, 'f32x4.add', y[3]!);
    this.#binary(out[1]!, s, 'f32x4.add', t);
    this.#binary(out[2]!, s, 'f32x4.sub', t);
    this.#madd(p, k.four, y[2]!, y[0]!);
    this.#binary(q, y[3]!, 'f32x4.mul', k.eight);
    this.#madd(q, k.two, y[1]!, q);
    this.#binary(out[3]!, p, 'f32x4.add', q);
    this.#binary(out[4]!, p, 'f32x4.sub', q);
    this.#f.op('local.get', y[3]!).op('local.set', out[5]!);
  }

  /** G^T u: (u0 / 4 - (u1 + u2) / 6 + (u3 + u4) / 24, -(u1 - u2) / 6 + (u3 - u4) / 12, -(u1 + u2) / 6 + (u3 + u4) / 6 + u5). */
  #untransformCombine(u: number[], out: number[]): void {
    const [s12, d12, s34, d34] = this.#tmp as [number, number, number, number];
    const k = this.#k;
    this.#binary(s12, u[1]!, 'f32x4.add', u[2]!);
    this.#binary(d12, u[1]!, 'f32x4.sub', u[2]!);
    this.#binary(s34, u[3]!, 'f32x4.add', u[4]!);
    this.#binary(d34, u[3]!, 'f32x4.sub', u[4]!);
    this.#binary(out[0]!, u[0]!, 'f32x4.mul', k.quarter);
    this.#madd(out[0]!, k.minusSixth, s12, out[0]!);
    this.#madd(out[0]!, k.twentyFourth, s34, out[0]!);
    this.#binary(out[1]!, d34, 'f32x4.mul', k.twelfth);
    this.#madd(out[1]!, k.minusSixth, d12, out[1]!);
    this.#binary(out[2]!, s34, 'f32x4.sub', s12);
    this.#madd(out[2]!, k.sixth, out[2]!, u[5]!);
  }

  /** dM = A dy A^T of the 4x4 tile at `source`, stored at `target` + (i * 6 + j) * xi. */
  outputGradient(source: number, tile: TileLayout, target: number, spread: SpreadLayout): void {
    const [f, g, e] = [this.#f, this.#x, this.#t];
    for (let u = 0; u < 4; u++) for (let v = 0; v < 4; v++) loadV128(f, g[u * 4 + v]!, source, u * tile.row + v * tile.pixel);
    for (let v = 0; v < 4; v++) this.#gradientCombine([0, 1, 2, 3].map((u) => g[u * 4 + v]!), [0, 1, 2, 3, 4, 5].map((p) => e[p * 4 + v]!));
    for (let p = 0; p < 6; p++) {
      this.#gradientCombine(e.slice(p * 4, p * 4 + 4), g.slice(16, 22));
      for (let q = 0; q < 6; q++) storeV128(f, target, (p * 6 + q) * spread.xi, g[16 + q]!);
    }
  }

  /** dW = G^T dU G of the 36 values at `source` + (i * 6 + j) * xi, stored at `target` + (a * 3 + b) * tap bytes. */
  filterGradient(source: number, spread: SpreadLayout, target: number, tap: number): void {
    const [f, u, t] = [this.#f, this.#x, this.#t];
    for (let k = 0; k < 36; k++) loadV128(f, u[k]!, source, k * spread.xi);
    for (let c = 0; c < 6; c++) this.#untransformCombine([0, 1, 2, 3, 4, 5].map((i) => u[i * 6 + c]!), [0, 1, 2].map((a) => t[a * 6 + c]!));
    for (let a = 0; a < 3; a++) {
      this.#untransformCombine(t.slice(a * 6, a * 6 + 6), u.slice(0, 3));
      for (let b = 0; b < 3; b++) storeV128(f, target, (a * 3 + b) * tap, u[b]!);
    }
  }

  /** V = B^T d B of the 6x6 tile at `source`, stored at `target` + (i * 6 + j) * xi. */
  input(source: number, tile: TileLayout, target: number, spread: SpreadLayout): void {
    const [f, x, t] = [this.#f, this.#x, this.#t];
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) loadV128(f, x[r * 6 + c]!, source, r * tile.row + c * tile.pixel);
    const column = (values: number[], c: number) => values.filter((_, i) => i % 6 === c);
    for (let c = 0; c < 6; c++) this.#inputCombine(column(x, c), column(t, c));
    for (let i = 0; i < 6; i++) {
      this.#inputCombine(t.slice(i * 6, i * 6 + 6), x.slice(0, 6));
      for (let j = 0; j < 6; j++) storeV128(f, target, (i * 6 + j) * spread.xi, x[j]!);
    }
  }

  /** The 4x4 outputs Y = A^T m A of the 36 values at `source` + (i * 6 + j) * xi, stored as a tile at `target`. */
  output(source: number, spread: SpreadLayout, target: number, tile: TileLayout, store: OutputStore = plainStore(this.#f)): void {
    const [f, m, r] = [this.#f, this.#x, this.#t];
    for (let k = 0; k < 36; k++) loadV128(f, m[k]!, source, k * spread.xi);
    for (let c = 0; c < 6; c++) this.#outputCombine([0, 1, 2, 3, 4, 5].map((i) => m[i * 6 + c]!), [0, 1, 2, 3].map((i) => r[i * 6 + c]!));
    for (let i = 0; i < 4; i++) {
      this.#outputCombine(r.slice(i * 6, i * 6 + 6), m.slice(0, 4));
      for (let j = 0; j < 4; j++) store(target, i * tile.row + j * tile.pixel, m[j]!);
    }
  }

  /** U = G g G^T of the 3x3 filter at `source` (tap (a, b) at (a * 3 + b) * tap bytes), stored at `target` + (i * 6 + j) * xi. */
  filter(source: number, tap: number, target: number, spread: SpreadLayout): void {
    const [f, g, t] = [this.#f, this.#x, this.#t];
    for (let k = 0; k < 9; k++) loadV128(f, g[k]!, source, k * tap);
    for (let c = 0; c < 3; c++) this.#filterCombine([g[c]!, g[3 + c]!, g[6 + c]!], [0, 1, 2, 3, 4, 5].map((i) => t[i * 3 + c]!));
    for (let i = 0; i < 6; i++) {
      this.#filterCombine(t.slice(i * 3, i * 3 + 3), g.slice(9, 15));
      for (let j = 0; j < 6; j++) storeV128(f, target, (i * 6 + j) * spread.xi, g[9 + j]!);
    }
  }
}
