// Builds batch norm's per-channel reductions: chunk by chunk (a chunk of each tensor fits in L1),
// four channel vectors at a time, writing partial sums that the caller adds up in float64.
import { FunctionBuilder } from './assembler.ts';
import { bump, loadV128, offsetFrom, pushMulAdd, repeat, storeV128, zero } from './emit.ts';

/** Pixels per reduction chunk: one chunk of one tensor fits in the L1 cache. */
export const chunkPixels = (channels: number): number => Math.max(1, Math.floor(4096 / channels));

interface ReductionBody {
  /** Sums per channel the reduction writes (partial is [chunks, sums, channels]). */
  sums: number;
  /** Runs once per vector of a channel block, before its pixel loop (slot: position in the block). */
  before?: (vector: number, slot: number) => void;
  /** Runs per pixel; offset is the vector's byte offset from the block pointers. */
  step: (slot: number, offset: number, pointers: number[], accumulators: number[]) => void;
}

/** Emits chunk -> channel block (4 vectors) -> pixel loops over the stream parameters. */
function chunkedReduction(f: FunctionBuilder, channels: number, streamParams: number[], body: ReductionBody): void {
  const [CHUNKS, PIXELS, PARTIAL] = [0, 1, 2];
  const chunk = chunkPixels(channels);
  const starts = streamParams.map(() => f.local('i32'));
  const pointers = streamParams.map(() => f.local('i32'));
  const [remaining, count, partial] = f.locals('i32', 3);
  const accumulators = Array.from({ length: 4 }, () => Array.from({ length: body.sums }, () => f.local('v128')));
  starts.forEach((start, s) => offsetFrom(f, start, streamParams[s]!));
  offsetFrom(f, remaining, PIXELS);
  offsetFrom(f, partial, PARTIAL);
  repeat(f, { local: CHUNKS }, () => {
    // count = min(chunk, remaining)
    f.op('i32.const', chunk).op('local.get', remaining).op('local.get', remaining).op('i32.const', chunk).op('i32.gt_u').op('select').op('local.set', count);
    for (let first = 0; first < channels / 4; first += 4) {
      const slots = Math.min(4, channels / 4 - first);
      for (let slot = 0; slot < slots; slot++) {
        for (const acc of accumulators[slot]!) zero(f, acc);
        body.before?.(first + slot, slot);
      }
      starts.forEach((start, s) => offsetFrom(f, pointers[s]!, start, first * 16));
      repeat(f, { local: count }, () => {
        for (let slot = 0; slot < slots; slot++) body.step(slot, slot * 16, pointers, accumulators[slot]!);
        for (const pointer of pointers) bump(f, pointer, channels * 4);
      });
      for (let slot = 0; slot < slots; slot++) {
        accumulators[slot]!.forEach((acc, k) => storeV128(f, partial, (k * channels + (first + slot) * 4) * 4, acc));
      }
    }
    for (const start of starts) bump(f, start, chunk * channels * 4);
    f.op('local.get', remaining).op('i32.const', chunk).op('i32.sub').op('local.set', remaining);
    bump(f, partial, body.sums * channels * 4);
  });
}

/**
 * chunkMoments(chunks, pixels, partial, x): per chunk and channel, the sum of x and the sum of
 * squared deviations from the chunk's own mean (sum * f32(1 / count)): two passes over a chunk
 * that sits in L1, so x is read from memory once. The caller combines the chunks in float64.
 */
export function chunkMoments(channels: number, fma: boolean): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32']);
  const [CHUNKS, PIXELS, PARTIAL, X] = [0, 1, 2, 3];
  const chunk = chunkPixels(channels);
  const [start, px, remaining, count, partial] = f.locals('i32', 5);
  const [inverse, d] = f.locals('v128', 2);
  const sums = f.locals('v128', 4);
  const squares = f.locals('v128', 4);
  offsetFrom(f, start, X);
  offsetFrom(f, remaining, PIXELS);
  offsetFrom(f, partial, PARTIAL);
  repeat(f, { local: CHUNKS }, () => {
    // count = min(chunk, remaining); inverse = f32(1 / count) in every lane.
    f.op('i32.const', chunk).op('local.get', remaining).op('local.get', remaining).op('i32.const', chunk).op('i32.gt_u').op('select').op('local.set', count);
    f.op('f32.const', 1).op('local.get', count).op('f32.convert_i32_u').op('f32.div').op('f32x4.splat').op('local.set', inverse);
    for (let first = 0; first < channels / 4; first += 4) {
      const slots = Math.min(4, channels / 4 - first);
      for (let slot = 0; slot < slots; slot++) zero(f, sums[slot]!);
      offsetFrom(f, px, start, first * 16);
      repeat(f, { local: count }, () => {
        for (let slot = 0; slot < slots; slot++) f.op('local.get', sums[slot]!).op('local.get', px).op('v128.load', slot * 16).op('f32x4.add').op('local.set', sums[slot]!);
        bump(f, px, channels * 4);
      });
      // The chunk's mean is the centre of its deviations; sums[slot] keeps the sum for the caller.
      for (let slot = 0; slot < slots; slot++) {
        zero(f, squares[slot]!);
        storeV128(f, partial, (first + slot) * 16, sums[slot]!);
        f.op('local.get', sums[slot]!).op('local.get', inverse).op('f32x4.mul').op('local.set', sums[slot]!);
      }
      offsetFrom(f, px, start, first * 16);
      repeat(f, { local: count }, () => {
        for (let slot = 0; slot < slots; slot++) {
          f.op('local.get', px).op('v128.load', slot * 16).op('local.get', sums[slot]!).op('f32x4.sub').op('local.set', d);
          pushMulAdd(f, fma, d, d, squares[slot]!);
          f.op('local.set', squares[slot]!);
        }
        bump(f, px, channels * 4);
      });
      for (let slot = 0; slot < slots; slot++) storeV128(f, partial, (channels + (first + slot) * 4) * 4, squares[slot]!);
    }
    bump(f, start, chunk * channels * 4);
    f.op('local.get', remaining).op('i32.const', chunk).op('i32.sub').op('local.set', remaining);
    bump(f, partial, 2 * channels * 4);
  });
  return f;
}

/** Pushes dy, zeroed where the ReLU output y was not positive (PyTorch's threshold backward). */
export function pushMaskedGrad(f: FunctionBuilder, relu: boolean, pdy: number, py: number, offset: number, zeroVector: number): void {
  f.op('local.get', pdy).op('v128.load', offset);
  if (relu) f.op('local.get', py).op('v128.load', offset).op('local.get', zeroVector).op('f32x4.gt').op('v128.and');
}

/** gradReduce(chunks, pixels, partial, dy, y, x, mean): per-channel sum(g) and sum(g * (x - mean)). */
export function gradReduce(relu: boolean, channels: number, fma: boolean): FunctionBuilder {
  const f = new FunctionBuilder(Array(7).fill('i32'));
  const MEAN = 6;
  const mean = Array.from({ length: 4 }, () => f.local('v128'));
  const [g, centered, zeroVector] = f.locals('v128', 3);
  zero(f, zeroVector);
  chunkedReduction(f, channels, [3, 4, 5], {
    sums: 2,
    before: (vector, slot) => loadV128(f, mean[slot]!, MEAN, vector * 16),
    step: (slot, offset, [pdy, py, px], [sumG, sumGX]) => {
      pushMaskedGrad(f, relu, pdy!, py!, offset, zeroVector);
      f.op('local.set', g);
      f.op('local.get', sumG!).op('local.get', g).op('f32x4.add').op('local.set', sumG!);
      f.op('local.get', px!).op('v128.load', offset).op('local.get', mean[slot]!).op('f32x4.sub').op('local.set', centered);
      pushMulAdd(f, fma, g, centered, sumGX!);
      f.op('local.set', sumGX!);
    },
  });
  return f;
}
