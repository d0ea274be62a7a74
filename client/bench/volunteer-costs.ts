// `npm run bench:volunteer`: what a task costs a volunteer besides its images, measured on the
// engine (one WASM thread, mnist-demo nets): the engine's first start, decoding a downloaded
// state (hash check included), and building the trainer from a state. The fleet simulator's
// per-task fixed costs (client/simulate/profiles.ts) are these figures.
import { performance } from 'node:perf_hooks';
import type { ArchitectureSpec } from '../../shared/architecture/spec.ts';
import { parameterCount } from '../../shared/architecture/parameters.ts';
import { decodeModelState, encodeModelState } from '../../shared/state/index.ts';
import { initBackend, Trainer } from '../engine/index.ts';
import { randomState } from '../engine/testing/random-state.ts';

const NETS: ArchitectureSpec[] = [1, 3, 6].map((depth) => ({ family: 'Basic3ResNet', depths: [depth, depth, depth], widths: [8, 16, 32], input: { height: 28, width: 28, channels: 1 }, classes: 10 }));
const REPEATS = 9;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

async function timedAsync(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const startMs = await timedAsync(() => initBackend(['wasm'], { threads: 1 }));
console.log(`Volunteer fixed costs (Node ${process.version}, one WASM thread, median of ${REPEATS}):`);
console.log(`  engine first start (WASM compile, kernels): ${startMs.toFixed(0)} ms`);
for (const architecture of NETS) {
  const state = randomState(architecture, 1);
  const { manifest, shards } = encodeModelState(state);
  const decodeMs = median(Array.from({ length: REPEATS }, () => timed(() => decodeModelState(manifest, shards))));
  const builds: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    builds.push(await timedAsync(async () => {
      const trainer = new Trainer(state);
      await trainer.state();
      trainer.dispose();
    }));
  }
  const buildMs = median(builds);
  const name = `${architecture.depths.join('-')} (${parameterCount(architecture).toLocaleString('en-US')} parameters, ${(manifest.totalBytes / 1e6).toFixed(2)} MB)`;
  console.log(`  ${name.padEnd(44)} decode state ${decodeMs.toFixed(2).padStart(6)} ms (${(manifest.totalBytes / 1e3 / decodeMs).toFixed(0)} MB/s); build trainer ${buildMs.toFixed(2).padStart(6)} ms`);
}
