// A naive float64 eval-mode forward of a network plan, the reference the exported LayersModel is
// checked against. TF 'same' padding (the extra row and column go after), BN on running statistics.
import { networkPlan, type ConvBnUnit } from '../architecture/plan.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import type { NamedTensor } from '../state/types.ts';
import { BN_EPSILON } from './keras-layers.ts';

interface Activation {
  h: number;
  w: number;
  c: number;
  data: Float64Array;
}

const samePadding = (size: number, out: number, kernel: number, stride: number): number =>
  Math.floor(Math.max((out - 1) * stride + kernel - size, 0) / 2);

function conv(x: Activation, unit: ConvBnUnit, filter: Float32Array): Activation {
  const { kernel: k, stride, outChannels: co } = unit;
  const [oh, ow] = unit.outSize;
  const top = samePadding(x.h, oh, k, stride);
  const left = samePadding(x.w, ow, k, stride);
  const out = new Float64Array(oh * ow * co);
  for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
    const iy = oy * stride + ky - top;
    const ix = ox * stride + kx - left;
    if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) continue;
    for (let ci = 0; ci < x.c; ci++) {
      const v = x.data[(iy * x.w + ix) * x.c + ci]!;
      const f = ((ky * k + kx) * x.c + ci) * co;
      for (let o = 0; o < co; o++) out[(oy * ow + ox) * co + o]! += v * filter[f + o]!;
    }
  }
  return { h: oh, w: ow, c: co, data: out };
}

function convBn(x: Activation, unit: ConvBnUnit, t: (name: string) => Float32Array): Activation {
  const y = conv(x, unit, t(`${unit.conv}.w`));
  const [gamma, beta, mean, variance] = ['gamma', 'beta', 'mean', 'var'].map((p) => t(`${unit.bn}.${p}`));
  for (let i = 0; i < y.data.length; i++) {
    const c = i % y.c;
    const v = (gamma![c]! * (y.data[i]! - mean![c]!)) / Math.sqrt(variance![c]! + BN_EPSILON) + beta![c]!;
    y.data[i] = unit.relu ? Math.max(0, v) : v;
  }
  return y;
}

function maxPool3x3Stride2(x: Activation): Activation {
  const oh = Math.ceil(x.h / 2);
  const ow = Math.ceil(x.w / 2);
  const top = samePadding(x.h, oh, 3, 2);
  const left = samePadding(x.w, ow, 3, 2);
  const out = new Float64Array(oh * ow * x.c).fill(-Infinity);
  for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
    const iy = oy * 2 + ky - top;
    const ix = ox * 2 + kx - left;
    if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) continue;
    for (let c = 0; c < x.c; c++) {
      const at = (oy * ow + ox) * x.c + c;
      out[at] = Math.max(out[at]!, x.data[(iy * x.w + ix) * x.c + c]!);
    }
  }
  return { h: oh, w: ow, c: x.c, data: out };
}

/** Logits of one NHWC image. */
export function referenceLogits(spec: ArchitectureSpec, tensors: NamedTensor[], image: Float32Array): Float64Array {
  const byName = new Map(tensors.map((t) => [t.name, t.data]));
  const t = (name: string): Float32Array => {
    const data = byName.get(name);
    if (!data) throw new Error(`referenceLogits: no tensor "${name}"`);
    return data;
  };
  const plan = networkPlan(spec);
  let x: Activation = { h: spec.input.height, w: spec.input.width, c: spec.input.channels, data: Float64Array.from(image) };
  x = convBn(x, plan.stem, t);
  if (plan.stemPool) x = maxPool3x3Stride2(x);
  for (const block of plan.blocks) {
    const input = x;
    for (const unit of block.body) x = convBn(x, unit, t);
    if (!block.residual) continue;
    const shortcut = block.shortcut ? convBn(input, block.shortcut, t) : input;
    x = { ...x, data: x.data.map((v, i) => Math.max(0, v + shortcut.data[i]!)) };
  }
  const pooled = new Float64Array(x.c);
  for (let i = 0; i < x.data.length; i++) pooled[i % x.c]! += x.data[i]! / (x.h * x.w);
  const { inFeatures, classes } = plan.head;
  const weight = t(plan.head.weight);
  const logits = Float64Array.from(t(plan.head.bias));
  for (let f = 0; f < inFeatures; f++) for (let k = 0; k < classes; k++) logits[k]! += pooled[f]! * weight[f * classes + k]!;
  return logits;
}

