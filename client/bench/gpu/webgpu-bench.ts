// ResNet-20 training and forward images/s through tfjs-backend-webgpu on a real GPU, with the
// per-kernel profile of one training step (GPU timestamps where the adapter offers them). Runs in
// Node with Dawn; `npm run bench:gpu:bundle` packs it, Node and Dawn for a machine without network.
// Usage: node webgpu-bench.mjs [--batch 64,256] [--steps 10] [--dawn PATH] [--dawn-flag FLAG ...]
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { multiplyAccumulates } from '../../../shared/architecture/parameters.ts';
import type { ArchitectureSpec } from '../../../shared/architecture/spec.ts';
import { initBackend, Trainer } from '../../engine/index.ts';
import { randomBatch, randomState } from '../../engine/testing/random-state.ts';
import { kernelProfileLines } from '../kernel-profile.ts';
import { reportLine, timeSteps } from '../timing.ts';
import { defaultDawnPath, nodeWebGpu } from './node-webgpu.ts';

const ARCHITECTURE: ArchitectureSpec = { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
const HYPER = { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4 };
/** Warm-up steps compile every shader pipeline the step uses. */
const WARMUP = 3;
const TOP_KERNELS = 15;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { batch: { type: 'string', default: '64,256' }, steps: { type: 'string', default: '10' }, dawn: { type: 'string' }, 'dawn-flag': { type: 'string', multiple: true, default: [] } } });
  const batches = values.batch.split(',').map(Number);
  const steps = Number(values.steps);
  if (!batches.every((b) => Number.isInteger(b) && b > 0) || !(Number.isInteger(steps) && steps > 0)) {
    process.stderr.write(`--batch lists positive whole numbers and --steps is one, got --batch ${values.batch} --steps ${values.steps}\n`);
    return 2;
  }
  const found = await nodeWebGpu(values.dawn ?? defaultDawnPath(import.meta.url), values['dawn-flag']);
  if (!found.ok) {
    process.stderr.write(`webgpu-bench: ${found.error}; nothing measured\n`);
    return 1;
  }
  // tfjs-backend-webgpu registers itself on import only where navigator.gpu exists.
  await import('@tensorflow/tfjs-backend-webgpu');
  const started = await initBackend(['webgpu']);
  const macs = multiplyAccumulates(ARCHITECTURE);
  console.log(`ResNet-20 (${ARCHITECTURE.family}-${ARCHITECTURE.depths.join('-')}, widths ${ARCHITECTURE.widths.join('-')}), 32x32x3, ${(macs / 1e6).toFixed(1)}M MACs per image forward`);
  console.log(`${started.detail}; adapter: ${found.description}; timestamp queries: ${found.adapter.features.has('timestamp-query') ? 'yes' : 'no'}`);
  if (found.description.includes('null')) console.log('warning: Dawn\'s null backend runs no shader; these figures measure nothing but the JavaScript side');
  const trainer = new Trainer(randomState(ARCHITECTURE, 1));
  try {
    for (const size of batches) {
      const batch = randomBatch(ARCHITECTURE, size, 2);
      const train = () => trainer.trainBatches([batch], HYPER);
      console.log(`\nbatch ${size}:`);
      console.log(reportLine('engine training (SGD step), tfjs-webgpu', await timeSteps(train, { warmup: WARMUP, timed: steps }), size, 6 * macs));
      console.log(reportLine('engine forward (evaluation mode)', await timeSteps(() => trainer.evaluate([batch]), { warmup: WARMUP, timed: steps }), size, 2 * macs));
      for (const line of await kernelProfileLines('webgpu', train, TOP_KERNELS)) console.log(line);
    }
  } finally {
    trainer.dispose();
    tf.engine().reset();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
