// The architecture spec: which family, how many sub-modules per stage, how wide, and the
// paper's names for it ("Basic3ResNet-3-3-3").
import { z } from 'zod';
import type { Result } from '../result/index.ts';

export const FAMILIES = ['Basic3ResNet', 'Basic4ResNet', 'Bottleneck4ResNet', 'Plain3Net', 'Plain4Net'] as const;
export type Family = (typeof FAMILIES)[number];

export interface FamilyTraits {
  stages: number;
  /** 'basic': two 3x3 convs; 'bottleneck': 1x1-3x3-1x1 with expansion 4; 'plain': one conv-BN-ReLU. */
  block: 'basic' | 'bottleneck' | 'plain';
  residual: boolean;
}

export const FAMILY_TRAITS: Record<Family, FamilyTraits> = {
  Basic3ResNet: { stages: 3, block: 'basic', residual: true },
  Basic4ResNet: { stages: 4, block: 'basic', residual: true },
  Bottleneck4ResNet: { stages: 4, block: 'bottleneck', residual: true },
  Plain3Net: { stages: 3, block: 'plain', residual: false },
  Plain4Net: { stages: 4, block: 'plain', residual: false },
};

export const BOTTLENECK_EXPANSION = 4;

export const InputShapeSchema = z.object({
  height: z.number().int().min(8).max(512),
  width: z.number().int().min(8).max(512),
  channels: z.number().int().min(1).max(4),
});
export type InputShape = z.infer<typeof InputShapeSchema>;

export const ArchitectureSpecSchema = z
  .object({
    family: z.enum(FAMILIES),
    depths: z.array(z.number().int().min(1).max(1000)).min(3).max(4),
    widths: z.array(z.number().int().min(1).max(4096)).min(3).max(4),
    input: InputShapeSchema,
    classes: z.number().int().min(2).max(100000),
  })
  .superRefine((spec, ctx) => {
    const stages = FAMILY_TRAITS[spec.family].stages;
    if (spec.depths.length !== stages) {
      ctx.addIssue({ code: 'custom', path: ['depths'], message: `${spec.family} has ${stages} stages, got ${spec.depths.length} depths` });
    }
    if (spec.widths.length !== stages) {
      ctx.addIssue({ code: 'custom', path: ['widths'], message: `${spec.family} has ${stages} stages, got ${spec.widths.length} widths` });
    }
  });
export type ArchitectureSpec = z.infer<typeof ArchitectureSpecSchema>;

export type NameParse = Result<{ family: Family; depths: number[] }>;

/** Parses the paper's notation, e.g. "Bottleneck4ResNet-3-4-6-3". */
export function parseArchitectureName(name: string): NameParse {
  const [familyPart, ...depthParts] = name.trim().split('-');
  const family = FAMILIES.find((f) => f === familyPart);
  if (!family) {
    return { ok: false, error: `parseArchitectureName: unknown family "${familyPart}" in "${name}"; expected one of ${FAMILIES.join(', ')}` };
  }
  const stages = FAMILY_TRAITS[family].stages;
  if (depthParts.length !== stages) {
    return { ok: false, error: `parseArchitectureName: ${family} needs ${stages} depths, got ${depthParts.length} in "${name}"` };
  }
  const depths: number[] = [];
  for (const part of depthParts) {
    if (!/^[1-9][0-9]*$/.test(part)) {
      return { ok: false, error: `parseArchitectureName: depth "${part}" in "${name}" is not a positive integer` };
    }
    depths.push(Number(part));
  }
  return { ok: true, value: { family, depths } };
}

export function architectureName(spec: Pick<ArchitectureSpec, 'family' | 'depths'>): string {
  return [spec.family, ...spec.depths].join('-');
}

/** Channels a stage outputs: the width, times 4 for bottleneck blocks. */
export function stageOutputChannels(spec: Pick<ArchitectureSpec, 'family' | 'widths'>, stage: number): number {
  const width = spec.widths[stage];
  if (width === undefined) throw new Error(`stageOutputChannels: stage ${stage} out of range 0..${spec.widths.length - 1}`);
  return FAMILY_TRAITS[spec.family].block === 'bottleneck' ? width * BOTTLENECK_EXPANSION : width;
}

/**
 * Inputs of at least 64 pixels get the ImageNet stem (7x7 stride-2 conv, 3x3 stride-2 max pool),
 * smaller ones the CIFAR stem (3x3 stride-1 conv), as in the reference ResNets.
 */
export function usesImageNetStem(input: InputShape): boolean {
  return Math.min(input.height, input.width) >= 64;
}
