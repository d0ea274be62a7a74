// `npm run bench`: ResNet-20 (Basic3ResNet-3-3-3, 16-32-64) at batch 64 on 32x32x3: engine training
// and forward images/s on WASM for each thread count, a kernel profile, the portable and stock tfjs
// paths, the JavaScript cpu backend, and with --compare pytorch PyTorch on the same thread counts.
import * as tf from '@tensorflow/tfjs-core';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { multiplyAccumulates } from '../../shared/architecture/parameters.ts';
import { networkPlan } from '../../shared/architecture/plan.ts';
import type { ArchitectureSpec } from '../../shared/architecture/spec.ts';
import { initBackend, setWasmKernels, Trainer } from '../engine/index.ts';
import { randomBatch, randomState } from '../engine/testing/random-state.ts';
import { kernelThreadCapacity, setKernelThreads } from '../engine/threads/index.ts';
import { kernelProfileLines } from './kernel-profile.ts';
import { findTorch, runTorch, type TorchTimes } from './pytorch.ts';
import { sideBySideLines } from './side-by-side.ts';
import { registerStockFilterGrad } from './stock-filter-grad.ts';
import { stockTrainStep } from './stock-step.ts';
import { reportLine, timeSteps, type StepTimes } from './timing.ts';

const USAGE = `Usage: npm run bench [-- --threads 1,2] [--compare pytorch] [--rounds N] [--skip profile,portable,stock,cpu]

  --threads LIST     WASM kernel thread counts to measure (default 1,2)
  --compare pytorch  also time the same network in PyTorch on the same thread counts
  --rounds N         measurement rounds, each engine then PyTorch, so drift hits both (default 3)
  --skip LIST        leave out the kernel profile, the portable or stock tfjs path, or the cpu backend`;

const ARCHITECTURE: ArchitectureSpec = { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
const BATCH = 64;
const HYPER = { learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4 };
/** Per round and thread count: warm-up steps (kernel assembly, V8 tier-up) only in the first round. */
const ROUND_STEPS = { first: { warmup: 3, timed: 3 }, later: { warmup: 1, timed: 3 } };
const COMPARISON_STEPS = { warmup: 1, timed: 3 };
/** The JavaScript cpu backend takes about half a minute per step: one of each. */
const CPU_STEPS = { warmup: 0, timed: 1 };
const TOP_KERNELS = 12;
const SKIPPABLE = ['profile', 'portable', 'stock', 'cpu'];

const macs = multiplyAccumulates(ARCHITECTURE);
const print = (line: string) => console.log(line);

function parse(argv: string[]): { ok: true; threads: number[]; torch: boolean; rounds: number; skip: Set<string> } | { ok: false; error: string } {
  let values;
  try {
    values = parseArgs({ args: argv, options: { threads: { type: 'string', default: '1,2' }, compare: { type: 'string' }, rounds: { type: 'string', default: '3' }, skip: { type: 'string', default: '' } } }).values;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const threads = values.threads.split(',').map(Number);
  if (!threads.every((t) => Number.isInteger(t) && t >= 1 && t <= 256)) return { ok: false, error: `--threads must list whole numbers from 1 to 256, got ${values.threads}` };
  if (values.compare !== undefined && values.compare !== 'pytorch') return { ok: false, error: `--compare knows only pytorch, got ${values.compare}` };
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) return { ok: false, error: `--rounds must be a positive whole number, got ${values.rounds}` };
  const skip = new Set(values.skip.split(',').filter((s) => s));
  const unknown = [...skip].filter((s) => !SKIPPABLE.includes(s));
  if (unknown.length) return { ok: false, error: `--skip knows ${SKIPPABLE.join(', ')}, got ${unknown.join(', ')}` };
  return { ok: true, threads: [...new Set(threads)].sort((a, b) => a - b), torch: values.compare === 'pytorch', rounds, skip };
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
    print(`  stock tfjs ops + tf.grads: does not run (${error instanceof Error ? error.message : String(error)})`);
    registerStockFilterGrad();
  }
  print(reportLine('stock tfjs + only Conv2DBackpropFilter added', await timeSteps(step, COMPARISON_STEPS), BATCH, 6 * macs));
  tf.dispose([x, labels, ...params.values()]);
}

const merge = (into: Map<number, StepTimes>, threads: number, times: StepTimes) => {
  const held = into.get(threads) ?? { wall: [], cpu: [] };
  into.set(threads, { wall: [...held.wall, ...times.wall], cpu: [...held.cpu, ...times.cpu] });
};

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args.ok) {
    process.stderr.write(`${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  print(`ResNet-20 (${ARCHITECTURE.family}-${ARCHITECTURE.depths.join('-')}, widths ${ARCHITECTURE.widths.join('-')}), batch ${BATCH}, 32x32x3; ${(macs / 1e6).toFixed(1)}M MACs per image forward`);
  print(`Node ${process.versions.node}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; GFLOP/s counts 2 per MAC, a training step as 3 passes`);
  print('images/s by CPU time divides by this process\'s CPU seconds (all its threads): on a busy machine it shows what idle cores would do');

  const started = await initBackend(['wasm'], { threads: Math.max(...args.threads) });
  print(`\nwasm: ${started.detail}`);
  const threads = args.threads.filter((t) => t <= kernelThreadCapacity());
  if (threads.length < args.threads.length) print(`  only ${kernelThreadCapacity()} thread(s) here: measuring ${threads.join(', ')}`);
  const torch = args.torch ? findTorch() : null;
  if (torch) print(torch.ok ? `PyTorch ${torch.value.version} (${torch.value.command}) on the same thread counts, ${args.rounds} rounds alternating with the engine` : `PyTorch comparison skipped: ${torch.error}`);

  const trainer = new Trainer(randomState(ARCHITECTURE, 1));
  const batch = randomBatch(ARCHITECTURE, BATCH, 2);
  const train = () => trainer.trainBatches([batch], HYPER);
  const engine = { train: new Map<number, StepTimes>(), forward: new Map<number, StepTimes>() };
  const torchTimes: TorchTimes = { train: new Map(), forward: new Map() };
  let torchFailure: string | null = null;
  for (let round = 0; round < args.rounds; round++) {
    const steps = round === 0 ? ROUND_STEPS.first : ROUND_STEPS.later;
    for (const count of threads) {
      setKernelThreads(count);
      merge(engine.train, count, await timeSteps(train, steps));
      merge(engine.forward, count, await timeSteps(() => trainer.evaluate([batch]), steps));
    }
    if (torch?.ok && !torchFailure) {
      const ran = runTorch(torch.value, threads, BATCH, steps, torchTimes);
      if (!ran.ok) torchFailure = ran.error;
    }
  }
  for (const count of threads) {
    print(reportLine(`engine training (SGD step), ${count} thread${count === 1 ? '' : 's'}`, engine.train.get(count)!, BATCH, 6 * macs));
    print(reportLine(`engine forward (evaluation), ${count} thread${count === 1 ? '' : 's'}`, engine.forward.get(count)!, BATCH, 2 * macs));
  }
  if (torchFailure) print(`PyTorch comparison failed: ${torchFailure}`);
  const compared = torch?.ok && !torchFailure;
  print(`\nside by side${compared ? '' : ' (engine only)'}:`);
  for (const line of sideBySideLines({ batch: BATCH, threads, engine, torch: compared ? torchTimes : null })) print(line);

  setKernelThreads(1);
  if (!args.skip.has('profile')) {
    print('');
    for (const line of await kernelProfileLines('wasm', train, TOP_KERNELS)) print(line);
  }
  if (!args.skip.has('portable')) {
    setWasmKernels(false);
    print(reportLine('portable path (XNNPACK convs, tfjs-op BN), 1 thread', await timeSteps(train, COMPARISON_STEPS), BATCH, 6 * macs));
    setWasmKernels(true);
  }
  trainer.dispose();
  if (!args.skip.has('stock')) await stockComparison();

  if (!args.skip.has('cpu')) {
    const cpu = await initBackend(['cpu']);
    print(`\ncpu: ${cpu.detail}`);
    const cpuTrainer = new Trainer(randomState(ARCHITECTURE, 1));
    await cpuTrainer.trainBatches([randomBatch(ARCHITECTURE, 4, 3)], HYPER);
    print(reportLine('engine training (SGD step)', await timeSteps(() => cpuTrainer.trainBatches([batch], HYPER), CPU_STEPS), BATCH, 6 * macs));
    print(reportLine('engine forward (evaluation mode)', await timeSteps(() => cpuTrainer.evaluate([batch]), CPU_STEPS), BATCH, 2 * macs));
    cpuTrainer.dispose();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
