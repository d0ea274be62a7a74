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

/** sums(chunks, pixels, partial, x): per-channel sums of x. */
export function sums(channels: number): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32']);
  const x = f.local('v128');
  chunkedReduction(f, channels, [3], {
    sums: 1,
    step: (_, offset, [px], [acc]) => {
      loadV128(f, x, px!, offset);
      f.op('local.get', acc!).op('local.get', x).op('f32x4.add').op('local.set', acc!);
    },
  });
  return f;
}

/** squaredDeviations(chunks, pixels, partial, x, mean): per-channel sums of (x - mean)^2. */
export function squaredDeviations(channels: number, fma: boolean): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32']);
  const MEAN = 4;
  const mean = Array.from({ length: 4 }, () => f.local('v128'));
  const d = f.local('v128');
  chunkedReduction(f, channels, [3], {
    sums: 1,
    before: (vector, slot) => loadV128(f, mean[slot]!, MEAN, vector * 16),
    step: (slot, offset, [px], [acc]) => {
      f.op('local.get', px!).op('v128.load', offset).op('local.get', mean[slot]!).op('f32x4.sub').op('local.set', d);
      pushMulAdd(f, fma, d, d, acc!);
      f.op('local.set', acc!);
    },
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
