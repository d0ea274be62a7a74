// What the rest of the system needs to know about each dataset without reading it: shape,
// classes, file sizes, whether to augment, and the per-channel normalization.
import type { InputShape } from '../architecture/spec.ts';
import type { DatasetName, RunConfig } from '../config/run-config.ts';
import { syntheticNormalization } from './synthetic-recipe.ts';

export interface DatasetFacts {
  input: InputShape;
  classes: number;
  /** Images in the training file (before trainLimit and the validation hold-out). */
  trainSize: number;
  testSize: number;
  /** Pad-4 random crop + horizontal flip (32x32 natural images); none for digits. */
  augment: boolean;
  /** Per-channel mean and std of the training pixels on the 0-1 scale. */
  mean: number[];
  std: number[];
}

const digits = { height: 28, width: 28, channels: 1 };
const color32 = { height: 32, width: 32, channels: 3 };

// Mean and std: the usual published values, measured over each training file.
export const DATASET_FACTS: Record<Exclude<DatasetName, 'synthetic'>, DatasetFacts> = {
  mnist: { input: digits, classes: 10, trainSize: 60000, testSize: 10000, augment: false, mean: [0.1307], std: [0.3081] },
  'fashion-mnist': { input: digits, classes: 10, trainSize: 60000, testSize: 10000, augment: false, mean: [0.286], std: [0.353] },
  cifar10: {
    input: color32, classes: 10, trainSize: 50000, testSize: 10000, augment: true,
    mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616],
  },
  cifar100: {
    input: color32, classes: 100, trainSize: 50000, testSize: 10000, augment: true,
    mean: [0.5071, 0.4865, 0.4409], std: [0.2673, 0.2564, 0.2762],
  },
  // SVHN digits are not mirror-invariant, so no flip.
  svhn: {
    input: color32, classes: 10, trainSize: 73257, testSize: 26032, augment: false,
    mean: [0.4377, 0.4438, 0.4728], std: [0.198, 0.201, 0.197],
  },
};

/** The facts of a configured dataset: the table above, or built from dataset.synthetic. */
export function datasetFacts(dataset: RunConfig['dataset']): DatasetFacts {
  if (dataset.name !== 'synthetic') return DATASET_FACTS[dataset.name];
  const synthetic = dataset.synthetic;
  if (!synthetic) throw new Error('datasetFacts: dataset "synthetic" needs dataset.synthetic { input, classes, trainSize, testSize }');
  const { mean, std } = syntheticNormalization();
  const channels = synthetic.input.channels;
  return {
    input: { ...synthetic.input },
    classes: synthetic.classes,
    trainSize: synthetic.trainSize,
    testSize: synthetic.testSize,
    augment: false,
    mean: new Array<number>(channels).fill(mean),
    std: new Array<number>(channels).fill(std),
  };
}
