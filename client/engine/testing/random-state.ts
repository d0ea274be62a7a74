// Model states and batches for the engine's tests and benchmark, drawn from the shared seeded
// generator (He-normal convs; optionally non-trivial BN parameters and statistics to exercise them).
import { tensorSize, tensorSpecs } from '../../../shared/architecture/parameters.ts';
import type { ArchitectureSpec } from '../../../shared/architecture/spec.ts';
import { RandomGenerator } from '../../../shared/random/generator.ts';
import { momentumName, type ModelState, type NamedTensor } from '../../../shared/state/types.ts';
import type { Batch } from '../../data/batch.ts';

export function randomState(architecture: ArchitectureSpec, seed: number, options: { randomNorm?: boolean; randomMomentum?: boolean } = {}): ModelState {
  const random = new RandomGenerator(seed);
  const draw = (n: number, f: () => number) => Float32Array.from({ length: n }, f);
  const specs = tensorSpecs(architecture);
  const tensors: NamedTensor[] = specs.map((spec) => {
    const n = tensorSize(spec.shape);
    const fanIn = spec.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const values: Record<typeof spec.role, () => Float32Array> = {
      conv: () => draw(n, () => random.normal() * Math.sqrt(2 / fanIn)),
      'bn-gamma': () => draw(n, () => (options.randomNorm ? 0.5 + random.next() : 1)),
      'bn-beta': () => draw(n, () => (options.randomNorm ? random.normal() * 0.2 : 0)),
      'bn-mean': () => draw(n, () => (options.randomNorm ? random.normal() * 0.2 : 0)),
      'bn-var': () => draw(n, () => (options.randomNorm ? 0.5 + random.next() : 1)),
      'dense-weight': () => draw(n, () => random.normal() * Math.sqrt(1 / fanIn)),
      'dense-bias': () => draw(n, () => (options.randomNorm ? random.normal() * 0.1 : 0)),
    };
    return { name: spec.name, shape: [...spec.shape], data: values[spec.role]() };
  });
  const momentum = specs.filter((s) => s.trainable).map((spec) => ({
    name: momentumName(spec.name),
    shape: [...spec.shape],
    data: draw(tensorSize(spec.shape), () => (options.randomMomentum ? random.normal() * 0.01 : 0)),
  }));
  return { architecture, tensors: [...tensors, ...momentum] };
}

export function randomBatch(architecture: ArchitectureSpec, size: number, seed: number): Batch {
  const random = new RandomGenerator(seed);
  const { input, classes } = architecture;
  const x = Float32Array.from({ length: size * input.height * input.width * input.channels }, () => random.normal());
  const y = Int32Array.from({ length: size }, () => random.int(classes));
  return { x, y, size, input };
}
