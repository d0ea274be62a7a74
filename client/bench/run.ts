// `npm run bench`: ResNet-20 (Basic3ResNet-3-3-3, 16-32-64) at batch 64 on 32x32x3, per backend:
// training and forward images/s, a kernel profile, and the portable and stock tfjs paths to compare.
import * as tf from '@tensorflow/tfjs-core';
import { cpus } from 'node:os';
import { multiplyAccumulates } from '../../shared/architecture/parameters.ts';
import { networkPlan } from '../../shared/architecture/plan.ts';
import type { ArchitectureSpec } from '../../shared/architecture/spec.ts';
import { initBackend, setWasmKernels, Trainer, type BackendName } from '../engine/index.ts';
import { randomBatch, randomState } from '../engine/testing/random-state.ts';
import { registerStockFilterGrad } from './stock-filter-grad.ts';
import { stockTrainStep } from './stock-step.ts';

const ARCHITECTURE: ArchitectureSpec = { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
const BATCH = 64;
const HYPER = { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4 };
/**
 * Warm-up steps (kernel assembly, V8 tier-up), then timed steps. The JS cpu backend takes about a
 * minute per step, so it warms up on a small batch and times one step of each kind.
 */
const STEPS: Record<'wasm' | 'cpu', { warmup: number; timed: number }> = { wasm: { warmup: 3, timed: 7 }, cpu: { warmup: 0, timed: 1 } };
const COMPARISON_STEPS = { warmup: 1, timed: 3 };
const TOP_KERNELS = 10;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall-clock and process-CPU seconds per call (CPU time is steadier on a busy machine). */
async function timeSteps(step: () => Promise<unknown> | void, { warmup, timed }: { warmup: number; timed: number }): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < warmup; i++) await step();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < timed; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    await step();
    wall.push((performance.now() - started) / 1000);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const macs = multiplyAccumulates(ARCHITECTURE);
function report(label: string, { wall, cpu }: { wall: number; cpu: number }, flopsPerImage: number): void {
  const gflops = (BATCH * flopsPerImage) / wall / 1e9;
  console.log(`  ${label.padEnd(44)} ${(BATCH / wall).toFixed(1).padStart(7)} images/s  (${(wall * 1000).toFixed(0)} ms/step wall, ${(BATCH / cpu).toFixed(1)} images/s by CPU time, ${gflops.toFixed(1)} GFLOP/s)`);
}

/** Kernel time of one training step by kernel name; scopes of composite and custom-gradient ops are left out. */
async function printProfile(backend: BackendName, step: () => Promise<unknown>): Promise<void> {
  const profile = await tf.profile(async () => {
    await step();
  });
  const byName = new Map<string, number>();
  for (const kernel of profile.kernels) {
    if (!tf.getKernel(kernel.name, backend)) continue;
    byName.set(kernel.name, (byName.get(kernel.name) ?? 0) + Number(kernel.kernelTimeMs));
  }
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  console.log(`  kernel time of one training step: ${total.toFixed(0)} ms in ${byName.size} kernels; top ${TOP_KERNELS}:`);
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, TOP_KERNELS)) {
    console.log(`    ${name.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)}%`);
  }
}

/** Stock tfjs on wasm cannot train a CNN; with the one missing kernel added it shows the "before". */
async function stockComparison(): Promise<void> {
  const plan = networkPlan(ARCHITECTURE);
  const state = randomState(ARCHITECTURE, 1);
  const params = new Map(state.tensors.filter((t) => !t.name.includes('#')).map((t) => [t.name, tf.variable(tf.tensor(t.data, t.shape), !/\.(mean|var)$/.test(t.name))]));
  const batch = randomBatch(ARCHITECTURE, BATCH, 2);
  const x = tf.tensor4d(batch.x, [BATCH, 32, 32, 3]);
  const labels = tf.tensor1d(batch.y, 'int32');
  const step = () => stockTrainStep(plan, params, x, labels, HYPER.learningRate);
  try {
    step();
  } catch (error) {
    console.log(`  stock tfjs ops + tf.grads: does not run (${error instanceof Error ? error.message : String(error)})`);
    registerStockFilterGrad();
  }
  report('stock tfjs + only Conv2DBackpropFilter added', await timeSteps(step, COMPARISON_STEPS), 6 * macs);
  tf.dispose([x, labels, ...params.values()]);
}

async function benchBackend(backend: 'wasm' | 'cpu'): Promise<void> {
  const started = await initBackend([backend]);
  console.log(`\n${started.name}: ${started.detail}`);
  const trainer = new Trainer(randomState(ARCHITECTURE, 1));
  const batch = randomBatch(ARCHITECTURE, BATCH, 2);
  const train = () => trainer.trainBatches([batch], HYPER);
  try {
    if (backend === 'cpu') await trainer.trainBatches([randomBatch(ARCHITECTURE, 4, 3)], HYPER);
    report('engine training (SGD step)', await timeSteps(train, STEPS[backend]), 6 * macs);
    report('engine forward (evaluation mode)', await timeSteps(() => trainer.evaluate([batch]), STEPS[backend]), 2 * macs);
    if (backend === 'cpu') return;
    await printProfile(backend, train);
    setWasmKernels(false);
    report('portable path (XNNPACK convs, tfjs-op BN)', await timeSteps(train, COMPARISON_STEPS), 6 * macs);
    setWasmKernels(true);
  } finally {
    trainer.dispose();
  }
  await stockComparison();
}

console.log(`ResNet-20 (${ARCHITECTURE.family}-${ARCHITECTURE.depths.join('-')}, widths ${ARCHITECTURE.widths.join('-')}), batch ${BATCH}, 32x32x3; ${(macs / 1e6).toFixed(1)}M MACs per image forward`);
console.log(`Node ${process.versions.node}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; GFLOP/s counts 2 per MAC, a training step as 3 passes`);
console.log('images/s by CPU time divides by this process\'s CPU seconds: on a busy machine it shows what an idle core would do');
for (const backend of ['wasm', 'cpu'] as const) await benchBackend(backend);
