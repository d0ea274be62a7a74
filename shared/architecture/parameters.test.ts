import { describe, expect, it } from 'vitest';
import { multiplyAccumulates, parameterCount, tensorSpecs } from './parameters.ts';
import type { ArchitectureSpec, Family } from './spec.ts';

const cifar = { height: 32, width: 32, channels: 3 };
const imageNet = { height: 224, width: 224, channels: 3 };
const spec = (family: Family, depths: number[], widths: number[], input = cifar, classes = 10): ArchitectureSpec => ({
  family, depths, widths, input, classes,
});

describe('parameterCount', () => {
  it('counts ResNet-20 (Basic3ResNet-3-3-3, 16-32-64) with 1x1-conv shortcuts at 272,474', () => {
    // He et al. report 0.27M with zero-padding shortcuts (269,722); projections add
    // 16*32 + 32*64 conv weights and 2*(32+64) BN parameters = 2,752.
    expect(parameterCount(spec('Basic3ResNet', [3, 3, 3], [16, 32, 64]))).toBe(269_722 + 2_752);
  });

  it.each([
    ['ResNet-18', 'Basic4ResNet', [2, 2, 2, 2], 11_689_512],
    ['ResNet-34', 'Basic4ResNet', [3, 4, 6, 3], 21_797_672],
    ['ResNet-50', 'Bottleneck4ResNet', [3, 4, 6, 3], 25_557_032],
  ] as const)('counts %s at ImageNet shape exactly as torchvision does', (_name, family, depths, expected) => {
    expect(parameterCount(spec(family, [...depths], [64, 128, 256, 512], imageNet, 1000))).toBe(expected);
  });

  it('counts a plain net as stem + one conv-BN per sub-module + head', () => {
    const plain = spec('Plain3Net', [1, 1, 1], [16, 32, 64]);
    const stem = 3 * 3 * 3 * 16 + 2 * 16;
    const convs = 3 * 3 * 16 * 16 + 2 * 16 + 3 * 3 * 16 * 32 + 2 * 32 + 3 * 3 * 32 * 64 + 2 * 64;
    expect(parameterCount(plain)).toBe(stem + convs + 64 * 10 + 10);
  });
});

describe('multiplyAccumulates', () => {
  it('counts ResNet-18 and ResNet-50 at the published 1.81 and 4.09 GMACs', () => {
    const r18 = multiplyAccumulates(spec('Basic4ResNet', [2, 2, 2, 2], [64, 128, 256, 512], imageNet, 1000));
    const r50 = multiplyAccumulates(spec('Bottleneck4ResNet', [3, 4, 6, 3], [64, 128, 256, 512], imageNet, 1000));
    expect(r18 / 1e9).toBeCloseTo(1.81, 2);
    expect(r50 / 1e9).toBeCloseTo(4.09, 2);
  });

  it('counts ResNet-20 at about 41 MMACs', () => {
    expect(multiplyAccumulates(spec('Basic3ResNet', [3, 3, 3], [16, 32, 64])) / 1e6).toBeCloseTo(40.8, 1);
  });
});

describe('tensorSpecs', () => {
  it('keeps every existing name and shape when a block is appended to a stage', () => {
    const before = tensorSpecs(spec('Basic3ResNet', [2, 1, 1], [16, 32, 64]));
    const after = tensorSpecs(spec('Basic3ResNet', [2, 2, 1], [16, 32, 64]));
    const afterByName = new Map(after.map((t) => [t.name, t]));
    for (const t of before) expect(afterByName.get(t.name)).toEqual(t);
    const added = after.filter((t) => !before.some((b) => b.name === t.name)).map((t) => t.name);
    expect(added).toEqual([
      's1.b1.conv1.w', 's1.b1.bn1.gamma', 's1.b1.bn1.beta', 's1.b1.bn1.mean', 's1.b1.bn1.var',
      's1.b1.conv2.w', 's1.b1.bn2.gamma', 's1.b1.bn2.beta', 's1.b1.bn2.mean', 's1.b1.bn2.var',
    ]);
  });

  it('gives the first block of later stages a stride-2 projection shortcut', () => {
    const names = tensorSpecs(spec('Basic3ResNet', [1, 1, 1], [16, 16, 32])).map((t) => t.name);
    expect(names).not.toContain('s0.b0.shortcut.conv.w');
    expect(names).toContain('s1.b0.shortcut.conv.w');
    expect(names).toContain('s2.b0.shortcut.conv.w');
  });
});
