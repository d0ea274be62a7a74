// The network plan: every conv-BN unit, block and shape of a spec, in forward order. The engine
// builds its forward pass from this; parameter names and counts are read off it.
import { FAMILY_TRAITS, stageOutputChannels, usesImageNetStem, type ArchitectureSpec } from './spec.ts';

/** A convolution (no bias) followed by batch norm, optionally by ReLU. 'same' padding. */
export interface ConvBnUnit {
  conv: string;
  bn: string;
  kernel: number;
  stride: number;
  inChannels: number;
  outChannels: number;
  /** Spatial size of the input and the output (square inputs keep both sides; height, width). */
  inSize: [number, number];
  outSize: [number, number];
  relu: boolean;
}

/** One sub-module: the elementary growing unit. */
export interface BlockPlan {
  stage: number;
  index: number;
  prefix: string;
  body: ConvBnUnit[];
  /** Residual blocks add a shortcut: identity (null) or a 1x1 conv + BN when the shape changes. */
  residual: boolean;
  shortcut: ConvBnUnit | null;
}

export interface NetworkPlan {
  stem: ConvBnUnit;
  /** ImageNet stem: 3x3 stride-2 max pool after the stem conv. */
  stemPool: boolean;
  blocks: BlockPlan[];
  head: { weight: string; bias: string; inFeatures: number; classes: number };
}

const outSize = (size: [number, number], stride: number): [number, number] => [
  Math.ceil(size[0] / stride),
  Math.ceil(size[1] / stride),
];

function unit(name: string, bnName: string, kernel: number, stride: number, inChannels: number, outChannels: number, inSize: [number, number], relu: boolean): ConvBnUnit {
  return { conv: name, bn: bnName, kernel, stride, inChannels, outChannels, inSize, outSize: outSize(inSize, stride), relu };
}

export function blockPrefix(stage: number, index: number): string {
  return `s${stage}.b${index}`;
}

function blockPlan(spec: ArchitectureSpec, stage: number, index: number, inChannels: number, inSize: [number, number]): BlockPlan {
  const traits = FAMILY_TRAITS[spec.family];
  const prefix = blockPrefix(stage, index);
  const stride = stage > 0 && index === 0 ? 2 : 1;
  const width = spec.widths[stage]!;
  const out = stageOutputChannels(spec, stage);
  const p = (layer: string) => `${prefix}.${layer}`;
  let body: ConvBnUnit[];
  if (traits.block === 'plain') {
    body = [unit(p('conv1'), p('bn1'), 3, stride, inChannels, out, inSize, true)];
  } else if (traits.block === 'basic') {
    const first = unit(p('conv1'), p('bn1'), 3, stride, inChannels, width, inSize, true);
    body = [first, unit(p('conv2'), p('bn2'), 3, 1, width, out, first.outSize, false)];
  } else {
    // Stride on the 3x3 conv (ResNet v1.5); parameter counts match either placement.
    const reduce = unit(p('conv1'), p('bn1'), 1, 1, inChannels, width, inSize, true);
    const spatial = unit(p('conv2'), p('bn2'), 3, stride, width, width, reduce.outSize, true);
    body = [reduce, spatial, unit(p('conv3'), p('bn3'), 1, 1, width, out, spatial.outSize, false)];
  }
  const needsProjection = traits.residual && (stride !== 1 || inChannels !== out);
  const shortcut = needsProjection ? unit(p('shortcut.conv'), p('shortcut.bn'), 1, stride, inChannels, out, inSize, false) : null;
  return { stage, index, prefix, body, residual: traits.residual, shortcut };
}

export function networkPlan(spec: ArchitectureSpec): NetworkPlan {
  const imageNet = usesImageNetStem(spec.input);
  const inputSize: [number, number] = [spec.input.height, spec.input.width];
  const stemChannels = spec.widths[0]!;
  const stem = imageNet
    ? unit('stem.conv', 'stem.bn', 7, 2, spec.input.channels, stemChannels, inputSize, true)
    : unit('stem.conv', 'stem.bn', 3, 1, spec.input.channels, stemChannels, inputSize, true);
  let size = imageNet ? outSize(stem.outSize, 2) : stem.outSize;
  let channels = stemChannels;
  const blocks: BlockPlan[] = [];
  spec.depths.forEach((depth, stage) => {
    for (let index = 0; index < depth; index++) {
      const block = blockPlan(spec, stage, index, channels, size);
      blocks.push(block);
      const last = block.body[block.body.length - 1]!;
      channels = last.outChannels;
      size = last.outSize;
    }
  });
  return { stem, stemPool: imageNet, blocks, head: { weight: 'head.w', bias: 'head.b', inFeatures: channels, classes: spec.classes } };
}

/** Every conv-BN unit of a block, body first, then the shortcut. */
export function blockUnits(block: BlockPlan): ConvBnUnit[] {
  return block.shortcut ? [...block.body, block.shortcut] : block.body;
}

/** The last BN of a residual block: the one the AutoGrow initializers set (bn2, or bn3 for bottleneck). */
export function lastBatchNorm(block: BlockPlan): string {
  return block.body[block.body.length - 1]!.bn;
}
