// Plain float64 loops for every op of the network, written from the definitions (PyTorch's BN,
// TensorFlow's 'same' padding): the reference the engine's tests compare against.
import type { ConvBnUnit, NetworkPlan } from '../../../shared/architecture/plan.ts';
import { samePadding } from '../ops/same-padding.ts';

/** An NHWC (or any-rank) tensor as flat float64 values. */
export interface Grid {
  shape: number[];
  data: Float64Array;
}

export const grid = (shape: number[], data: ArrayLike<number>): Grid => ({ shape, data: Float64Array.from(data) });

export function conv2dNaive(x: Grid, w: Grid, stride: number): Grid {
  const [n, h, wd, inC] = x.shape as [number, number, number, number];
  const [k, , , outC] = w.shape as [number, number, number, number];
  const p = samePadding(h, wd, k, stride);
  const out = new Float64Array(n * p.outH * p.outW * outC);
  for (let b = 0; b < n; b++) for (let i = 0; i < p.outH; i++) for (let j = 0; j < p.outW; j++) {
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
      const r = i * stride + a - p.top;
      const s = j * stride + c - p.left;
      if (r < 0 || r >= h || s < 0 || s >= wd) continue;
      for (let ci = 0; ci < inC; ci++) {
        const v = x.data[((b * h + r) * wd + s) * inC + ci]!;
        for (let co = 0; co < outC; co++) out[((b * p.outH + i) * p.outW + j) * outC + co]! += v * w.data[((a * k + c) * inC + ci) * outC + co]!;
      }
    }
  }
  return { shape: [n, p.outH, p.outW, outC], data: out };
}

/** The input gradient of conv2dNaive for the output gradient dy: the transposed convolution. */
export function conv2dInputGradNaive(dy: Grid, w: Grid, inShape: [number, number, number, number], stride: number): Grid {
  const [n, h, wd, inC] = inShape;
  const [, outH, outW, outC] = dy.shape as [number, number, number, number];
  const k = w.shape[0]!;
  const p = samePadding(h, wd, k, stride);
  const dx = new Float64Array(n * h * wd * inC);
  for (let b = 0; b < n; b++) for (let i = 0; i < outH; i++) for (let j = 0; j < outW; j++) for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
    const r = i * stride + a - p.top;
    const s = j * stride + c - p.left;
    if (r < 0 || r >= h || s < 0 || s >= wd) continue;
    for (let ci = 0; ci < inC; ci++) {
      let sum = 0;
      for (let co = 0; co < outC; co++) sum += dy.data[((b * outH + i) * outW + j) * outC + co]! * w.data[((a * k + c) * inC + ci) * outC + co]!;
      dx[((b * h + r) * wd + s) * inC + ci]! += sum;
    }
  }
  return { shape: [n, h, wd, inC], data: dx };
}

/** The filter gradient of conv2dNaive for the output gradient dy, summed over the batch. */
export function conv2dFilterGradNaive(x: Grid, dy: Grid, k: number, stride: number): Grid {
  const [n, h, wd, inC] = x.shape as [number, number, number, number];
  const [, outH, outW, outC] = dy.shape as [number, number, number, number];
  const p = samePadding(h, wd, k, stride);
  const dw = new Float64Array(k * k * inC * outC);
  for (let b = 0; b < n; b++) for (let i = 0; i < outH; i++) for (let j = 0; j < outW; j++) for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
    const r = i * stride + a - p.top;
    const s = j * stride + c - p.left;
    if (r < 0 || r >= h || s < 0 || s >= wd) continue;
    for (let ci = 0; ci < inC; ci++) {
      const v = x.data[((b * h + r) * wd + s) * inC + ci]!;
      for (let co = 0; co < outC; co++) dw[((a * k + c) * inC + ci) * outC + co]! += v * dy.data[((b * outH + i) * outW + j) * outC + co]!;
    }
  }
  return { shape: [k, k, inC, outC], data: dw };
}

/** Per-channel mean and biased variance over every axis but the last. */
export function momentsNaive(x: Grid): { mean: Float64Array; variance: Float64Array } {
  const channels = x.shape[x.shape.length - 1]!;
  const count = x.data.length / channels;
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  x.data.forEach((v, i) => (mean[i % channels]! += v / count));
  x.data.forEach((v, i) => (variance[i % channels]! += (v - mean[i % channels]!) ** 2 / count));
  return { mean, variance };
}

export interface NaiveNorm {
  gamma: ArrayLike<number>;
  beta: ArrayLike<number>;
  relu: boolean;
  residual?: Grid;
}

/** relu?(gamma * (x - mean) / sqrt(var + 1e-5) + beta + residual?) with the given statistics. */
export function normalizeNaive(x: Grid, mean: ArrayLike<number>, variance: ArrayLike<number>, { gamma, beta, relu, residual }: NaiveNorm): Grid {
  const channels = x.shape[x.shape.length - 1]!;
  const data = x.data.map((v, i) => {
    const c = i % channels;
    const y = (gamma[c]! * (v - mean[c]!)) / Math.sqrt(variance[c]! + 1e-5) + beta[c]! + (residual ? residual.data[i]! : 0);
    return relu ? Math.max(0, y) : y;
  });
  return { shape: x.shape, data };
}

export function maxPoolNaive(x: Grid): Grid {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const p = samePadding(h, w, 3, 2);
  const out = new Float64Array(n * p.outH * p.outW * c).fill(-Infinity);
  for (let b = 0; b < n; b++) for (let i = 0; i < p.outH; i++) for (let j = 0; j < p.outW; j++) for (let a = 0; a < 3; a++) for (let d = 0; d < 3; d++) {
    const r = i * 2 + a - p.top;
    const s = j * 2 + d - p.left;
    if (r < 0 || r >= h || s < 0 || s >= w) continue;
    for (let ch = 0; ch < c; ch++) {
      const o = ((b * p.outH + i) * p.outW + j) * c + ch;
      out[o] = Math.max(out[o]!, x.data[((b * h + r) * w + s) * c + ch]!);
    }
  }
  return { shape: [n, p.outH, p.outW, c], data: out };
}

/** Global average pool, then x @ weight + bias. */
export function denseHeadNaive(x: Grid, weight: Grid, bias: ArrayLike<number>): Grid {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const classes = weight.shape[1]!;
  const out = new Float64Array(n * classes);
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) {
    let pooled = 0;
    for (let p = 0; p < h * w; p++) pooled += x.data[(b * h * w + p) * c + ch]! / (h * w);
    for (let k = 0; k < classes; k++) out[b * classes + k]! += pooled * weight.data[ch * classes + k]!;
  }
  for (let b = 0; b < n; b++) for (let k = 0; k < classes; k++) out[b * classes + k]! += bias[k]!;
  return { shape: [n, classes], data: out };
}

/** Mean softmax cross-entropy of logits [N, classes] against integer labels. */
export function crossEntropyNaive(logits: Grid, labels: ArrayLike<number>): number {
  const [n, classes] = logits.shape as [number, number];
  let total = 0;
  for (let b = 0; b < n; b++) {
    const row = logits.data.subarray(b * classes, (b + 1) * classes);
    const max = Math.max(...row);
    const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
    total += logSum - row[labels[b]!]!;
  }
  return total / n;
}

/** Largest |actual - expected| relative to the largest |expected|. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`relativeError: lengths differ, ${actual.length} vs ${expected.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / Math.max(scale, 1e-30);
}

/** Central differences of a float64 scalar function at the listed coordinates of `point`. */
export function numericGradient(point: Float64Array, coordinates: number[], f: (p: Float64Array) => number, step = 1e-5): Float64Array {
  return Float64Array.from(coordinates, (i) => {
    const original = point[i]!;
    point[i] = original + step;
    const up = f(point);
    point[i] = original - step;
    const down = f(point);
    point[i] = original;
    return (up - down) / (2 * step);
  });
}

/** The network in float64: eval mode uses running statistics, training mode the batch's (reported per BN). */
export function forwardNaive(plan: NetworkPlan, params: Map<string, ArrayLike<number>>, x: Grid, training: boolean): { logits: Grid; stats: Map<string, { mean: Float64Array; variance: Float64Array; count: number }>; features: Grid } {
  const stats = new Map<string, { mean: Float64Array; variance: Float64Array; count: number }>();
  const get = (name: string) => {
    const value = params.get(name);
    if (!value) throw new Error(`forwardNaive: no parameter ${name}`);
    return value;
  };
  const unit = (u: ConvBnUnit, input: Grid, norm: { relu: boolean; residual?: Grid }) => {
    const z = conv2dNaive(input, grid([u.kernel, u.kernel, u.inChannels, u.outChannels], get(`${u.conv}.w`)), u.stride);
    const batch = momentsNaive(z);
    stats.set(u.bn, { ...batch, count: z.data.length / u.outChannels });
    const [mean, variance] = training ? [batch.mean, batch.variance] : [get(`${u.bn}.mean`), get(`${u.bn}.var`)];
    return normalizeNaive(z, mean, variance, { gamma: get(`${u.bn}.gamma`), beta: get(`${u.bn}.beta`), ...norm });
  };
  let h = unit(plan.stem, x, { relu: plan.stem.relu });
  if (plan.stemPool) h = maxPoolNaive(h);
  for (const block of plan.blocks) {
    const shortcut = !block.residual ? undefined : block.shortcut ? unit(block.shortcut, h, { relu: false }) : h;
    let y = h;
    block.body.forEach((u, i) => {
      y = unit(u, y, shortcut && i === block.body.length - 1 ? { relu: true, residual: shortcut } : { relu: u.relu });
    });
    h = y;
  }
  return { logits: denseHeadNaive(h, grid([plan.head.inFeatures, plan.head.classes], get(plan.head.weight)), get(plan.head.bias)), stats, features: h };
}
