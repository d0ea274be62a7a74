// The default initialization of one network tensor, as the reference ResNets do it: conv filters
// He-normal with fan_out (torchvision), the dense head U(-1/sqrt(in), 1/sqrt(in)) (PyTorch
// Linear), BN gamma 1, beta 0, running mean 0, running variance 1.
import { tensorSize, type TensorSpec } from '../architecture/parameters.ts';
import { deriveSeed, RandomGenerator } from '../random/generator.ts';

/** Tags the initialization streams, so they never coincide with other deriveSeed(seed, ...) uses. */
const INIT_STREAM = 0x696e6974; // "init"

/**
 * The random stream of one tensor: a function of the seed and the tensor's name only, so adding
 * a block never shifts another tensor's draws, and a grown net's new block draws what a net
 * initialized at that depth with the same seed would.
 */
export function tensorRandom(seed: number, name: string): RandomGenerator {
  return new RandomGenerator(deriveSeed(seed, INIT_STREAM, ...Array.from(name, (char) => char.codePointAt(0)!)));
}

/**
 * Values drawn in flat (row-major) order of the tensor's shape. `headInFeatures` bounds both
 * head tensors: PyTorch's Linear draws its bias with the weight's fan-in too.
 */
export function defaultTensorValues(parameter: TensorSpec, headInFeatures: number, seed: number): Float32Array {
  const values = new Float32Array(tensorSize(parameter.shape));
  switch (parameter.role) {
    case 'conv': {
      const [kernelH, kernelW, , outChannels] = parameter.shape as [number, number, number, number];
      const std = Math.sqrt(2 / (kernelH * kernelW * outChannels));
      const random = tensorRandom(seed, parameter.name);
      for (let i = 0; i < values.length; i++) values[i] = std * random.normal();
      return values;
    }
    case 'dense-weight':
    case 'dense-bias': {
      const bound = 1 / Math.sqrt(headInFeatures);
      const random = tensorRandom(seed, parameter.name);
      for (let i = 0; i < values.length; i++) values[i] = bound * (2 * random.next() - 1);
      return values;
    }
    case 'bn-gamma':
    case 'bn-var':
      return values.fill(1);
    case 'bn-beta':
    case 'bn-mean':
      return values;
  }
}
