// What flat, compressed deltas and streaming aggregation cost for the 4.3M-parameter state:
// bytes per report, CPU and peak added memory to encode, accept one report and close a round of
// 32. Run: node --experimental-strip-types client/bench/delta-streaming.ts
import { combineDeltas, validateDelta } from '../../shared/aggregate/index.ts';
import { clipScale, flatNorm, combineBlockwise, DEFAULT_COMBINE_BLOCK, outerStep, RunningSum } from '../../shared/aggregate/streaming.ts';
import { parameterCount } from '../../shared/architecture/index.ts';
import { addFlatInPlace, addFlatInto, decodeDelta, decodeDeltaRange, DELTA_ENCODINGS, deltaLayout, encodeDelta, ErrorFeedback, isNetworkTensor, layoutKey, type DeltaEncoding } from '../../shared/delta/index.ts';
import { initialModelState } from '../../shared/init/index.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { growthSeed } from '../../shared/random/seeds.ts';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../shared/state/index.ts';
import { COMBINE_CASES } from './coordinator-combine.ts';
import { memorySampler, rerunWithFreedBuffersReturned } from './memory-peak.ts';

const { label, architecture } = COMBINE_CASES[1]!;
const ROUND = 32;
const TODAY_ROUND = 4;
const REPEATS = { report: 5, round: 3 };
const MAX_NORM = 1e3;
const MIB = 2 ** 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function cpuMs(work: () => void, repeats: number): number {
  const spent: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const usage = process.cpuUsage();
    work();
    const used = process.cpuUsage(usage);
    spent.push((used.user + used.system) / 1000);
  }
  return median(spent);
}

/** A coordinator's round in streaming form: the running sum and one scratch array to decode into. */
class StreamingRound {
  readonly length: number;
  readonly sum: RunningSum;
  readonly #scratch: Float32Array;

  constructor(length: number) {
    this.length = length;
    this.sum = new RunningSum(length);
    this.#scratch = new Float32Array(length);
  }

  accept(bytes: Uint8Array, encoding: DeltaEncoding, clipTo?: number): void {
    const flat = decodeDelta(bytes, encoding, this.length, this.#scratch);
    if (!flat.ok) throw new Error(flat.error);
    const norm = flatNorm(flat.value);
    if (!(norm <= MAX_NORM)) throw new Error(`norm ${norm} over ${MAX_NORM}`);
    this.sum.add(flat.value, 128, clipTo === undefined ? 1 : clipScale(norm, clipTo));
  }

  /** The round's mean, in the scratch: the round takes no more reports after it. */
  meanIntoScratch(): Float32Array {
    return this.sum.mean(this.#scratch);
  }
}

async function main(): Promise<void> {
  const state = initialModelState(architecture, growthSeed(1, 0, 0));
  const layout = deltaLayout(state, isNetworkTensor);
  const n = layout.length;
  const randomFlat = (seed: number): Float32Array => {
    const rng = new RandomGenerator(seed);
    const flat = new Float32Array(n);
    for (let j = 0; j < n; j++) flat[j] = rng.normal() * 1e-3;
    return flat;
  };

  const sampler = await memorySampler();
  const rows: [string, number, number][] = [];
  const measure = async (name: string, work: () => void, repeats: number): Promise<void> => {
    const cpu = cpuMs(work, repeats);
    rows.push([name, cpu, (await sampler.peakAdded(work)) / MIB]);
  };

  // Today: every tensor of the state (weights, BN statistics, momentum) as a float32 bundle.
  const todayDelta: NamedTensor[] = state.tensors.map((t) => ({ ...t, data: t.data.map((v) => v * 1e-3) }));
  const todayBundle = encodeTensors(todayDelta);
  const flat = randomFlat(1);
  const encoded = Object.fromEntries(DELTA_ENCODINGS.map((e) => [e, encodeDelta(flat, e)])) as Record<DeltaEncoding, Uint8Array>;

  console.log(`${label}: ${(parameterCount(architecture) / 1e6).toFixed(2)}M parameters; a delta covers ${layout.names.length} tensors, ${(n / 1e6).toFixed(3)}M coordinates (weights and BN statistics, no momentum)`);
  console.log(`Node ${process.version}; CPU: median of ${REPEATS.report} (one report) or ${REPEATS.round} (a round); peak: process RSS above its level before, sampled every ms.\n`);
  console.log('Bytes per train report:');
  console.log(`  today (float32 bundle, weights + BN + momentum): ${(todayBundle.length / MIB).toFixed(2).padStart(6)} MiB`);
  for (const e of DELTA_ENCODINGS) {
    console.log(`  ${e.padEnd(4)} flat delta, no momentum:                  ${(encoded[e].length / MIB).toFixed(2).padStart(6)} MiB  (${(todayBundle.length / encoded[e].length).toFixed(2)}x smaller)`);
  }

  for (const e of DELTA_ENCODINGS) await measure(`volunteer: encode ${e}`, () => encodeDelta(flat, e), REPEATS.report);
  const feedback = new ErrorFeedback();
  const key = layoutKey(layout);
  await measure('volunteer: encode int8 with error feedback', () => feedback.compress(flat, 'int8', key), REPEATS.report);
  await measure('coordinator today: decode + validate a bundle', () => {
    const tensors = decodeTensors(todayBundle);
    if (!tensors.ok || !validateDelta(tensors.value, state.tensors, Infinity).ok) throw new Error('today bundle refused');
  }, REPEATS.report);
  for (const e of DELTA_ENCODINGS) {
    const round = new StreamingRound(n);
    await measure(`coordinator: accept ${e} (decode, finite + norm check, add)`, () => round.accept(encoded[e], e), REPEATS.report);
  }

  // A round of 32 stored int8 reports; their bytes stand for storage, allocated before any baseline.
  const stored = Array.from({ length: ROUND }, (_, r) => encodeDelta(randomFlat(r + 2), 'int8'));
  for (const clipTo of [undefined, 1]) {
    await measure(`round of ${ROUND}, ${clipTo ? 'norm-clip' : 'mean'}: accept all + mean`, () => {
      const round = new StreamingRound(n);
      for (const bytes of stored) round.accept(bytes, 'int8', clipTo);
      round.sum.mean();
    }, REPEATS.round);
  }
  for (const rule of ['trimmed-mean', 'median'] as const) {
    await measure(`round of ${ROUND}, ${rule}: blockwise close`, () => {
      const readers = stored.map((bytes) => {
        const scratch = new Float32Array(DEFAULT_COMBINE_BLOCK);
        return { samples: 128, readRange: (start: number, end: number) => decodeDeltaRange(bytes, 'int8', n, start, end, scratch) };
      });
      combineBlockwise(rule, readers, n, { trimFraction: 0.1 });
    }, REPEATS.round);
  }
  const combined = randomFlat(98);
  const momentum = randomFlat(99);
  await measure('apply: Nesterov outer step + add into the state', () => {
    const { step } = outerStep({ learningRate: 0.7, momentum: 0.9, nesterov: true }, combined, momentum);
    addFlatInto(state.tensors, layout, step);
  }, REPEATS.round);
  // The whole close of a mean round with no state-sized array that could be reused: the mean goes
  // into the decode scratch, the outer step and the apply in place; state and outer momentum resident.
  const resident = state.tensors.map((t) => ({ ...t, data: t.data.slice() }));
  await measure(`round of ${ROUND}, mean, whole close, outer step + apply in place`, () => {
    const round = new StreamingRound(n);
    for (const bytes of stored) round.accept(bytes, 'int8');
    const { step } = outerStep({ learningRate: 0.7, momentum: 0.9, nesterov: true }, round.meanIntoScratch(), momentum, true);
    addFlatInPlace(resident, layout, step);
  }, REPEATS.round);
  await measure(`today, round of ${TODAY_ROUND}: decode all bundles + combineDeltas mean`, () => {
    const deltas = Array.from({ length: TODAY_ROUND }, () => {
      const tensors = decodeTensors(todayBundle);
      if (!tensors.ok) throw new Error(tensors.error);
      return { delta: tensors.value, samples: 128 };
    });
    combineDeltas(deltas, 'mean', { trimFraction: 0.1, maxDeltaNorm: MAX_NORM });
  }, REPEATS.round);
  await sampler.close();

  console.log(`\n| ${'operation'.padEnd(62)} | CPU ms | peak added MiB |`);
  console.log(`|${'-'.repeat(64)}|--------|----------------|`);
  for (const [name, cpu, peak] of rows) console.log(`| ${name.padEnd(62)} | ${cpu.toFixed(0).padStart(6)} | ${peak.toFixed(1).padStart(14)} |`);
  console.log(`\nA streaming round holds a float64 running sum (${((8 * n) / MIB).toFixed(1)} MiB) and one decode scratch (${((4 * n) / MIB).toFixed(1)} MiB) whatever its size;`);
  console.log(`the blockwise rules hold ${ROUND} x ${DEFAULT_COMBINE_BLOCK} float32 columns (${((4 * ROUND * DEFAULT_COMBINE_BLOCK) / MIB).toFixed(1)} MiB) and the result (${((4 * n) / MIB).toFixed(1)} MiB), the reports staying in storage.`);
  const stateBytes = state.tensors.reduce((sum, t) => sum + 4 * t.data.length, 0);
  console.log(`Resident besides: the state (${(stateBytes / MIB).toFixed(1)} MiB with its SGD momentum, ${((4 * n) / MIB).toFixed(1)} MiB without) and the outer momentum (${((4 * n) / MIB).toFixed(1)} MiB).`);
}

if (!rerunWithFreedBuffersReturned()) await main();
