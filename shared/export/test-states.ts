// Small networks of each block kind with every tensor random, and random images: what the export
// tests feed both the exported LayersModel and a reference forward.
import { tensorSize, tensorSpecs, type ArchitectureSpec } from '../architecture/index.ts';
import { RandomGenerator } from '../random/generator.ts';
import type { ModelState } from '../state/types.ts';

export const EXPORT_FAMILIES: Record<string, ArchitectureSpec> = {
  // Identity and projection shortcuts, CIFAR stem.
  residual: { family: 'Basic3ResNet', depths: [2, 1, 2], widths: [4, 8, 8], input: { height: 12, width: 12, channels: 1 }, classes: 5 },
  // ImageNet stem (7x7 stride 2, max pool) on odd, non-square sizes: 'same' padding is uneven there.
  bottleneck: { family: 'Bottleneck4ResNet', depths: [1, 2, 1, 1], widths: [2, 3, 4, 4], input: { height: 66, width: 70, channels: 3 }, classes: 4 },
  plain: { family: 'Plain3Net', depths: [2, 1, 3], widths: [4, 6, 8], input: { height: 13, width: 11, channels: 2 }, classes: 6 },
};

/** Every tensor random, BN statistics included, so no layer can pass as the identity. */
export function randomState(spec: ArchitectureSpec, seed: number): ModelState {
  const random = new RandomGenerator(seed);
  const tensors = tensorSpecs(spec).map(({ name, shape, role }) => {
    const fanIn = role === 'conv' ? shape[0]! * shape[1]! * shape[2]! : shape[0]!;
    const value = (): number => {
      switch (role) {
        case 'conv': case 'dense-weight': return random.normal() * Math.sqrt(2 / fanIn);
        case 'bn-gamma': case 'bn-var': return 0.5 + random.next();
        default: return random.normal() * 0.2;
      }
    };
    return { name, shape, data: Float32Array.from({ length: tensorSize(shape) }, value) };
  });
  return { architecture: spec, tensors };
}

export function randomImages(spec: ArchitectureSpec, batch: number, seed: number): Float32Array[] {
  const random = new RandomGenerator(seed);
  const size = spec.input.height * spec.input.width * spec.input.channels;
  return Array.from({ length: batch }, () => Float32Array.from({ length: size }, () => random.normal()));
}
