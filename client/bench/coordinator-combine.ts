// What the run's Durable Object spends on reports, timed in Node on the same V8 and the same
// shared/ code the DO runs: accepting one report (decode, validate) and closing a round of four
// (combine, apply, re-encode into content-addressed shards).
import { parameterCount, type ArchitectureSpec } from '../../shared/architecture/index.ts';
import { applyDelta, combineDeltas, validateDelta } from '../../shared/aggregate/index.ts';
import { growthSeed } from '../../shared/random/seeds.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { initialModelState } from '../../shared/init/index.ts';
import { decodeReport, encodeReport } from '../../shared/protocol/index.ts';
import { decodeTensors, encodeModelState, encodeTensors, type NamedTensor } from '../../shared/state/index.ts';

const cifar = { height: 32, width: 32, channels: 3 };
export const COMBINE_CASES: { label: string; architecture: ArchitectureSpec }[] = [
  { label: 'ResNet-20 (Basic3ResNet-3-3-3, 16-32-64)', architecture: { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [16, 32, 64], input: cifar, classes: 10 } },
  { label: 'Basic3ResNet-3-3-3, 64-128-256', architecture: { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [64, 128, 256], input: cifar, classes: 10 } },
];
const ROUND_SIZE = 4;
const REPEATS = 5;

function randomDelta(tensors: NamedTensor[], seed: number): NamedTensor[] {
  const rng = new RandomGenerator(seed);
  return tensors.map((t) => ({ name: t.name, shape: [...t.shape], data: Float32Array.from(t.data, () => (rng.next() - 0.5) * 1e-3) }));
}

function timed(work: () => void): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    work();
    wall.push(performance.now() - started);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

export function benchCombine(): void {
  console.log(`Coordinator CPU per report (median of ${REPEATS}; Node ${process.version}, the DO runs the same code on V8):`);
  for (const { label, architecture } of COMBINE_CASES) {
    const state = initialModelState(architecture, growthSeed(1, 0, 0));
    const floats = state.tensors.reduce((sum, t) => sum + t.data.length, 0);
    const deltas = Array.from({ length: ROUND_SIZE }, (_, i) => randomDelta(state.tensors, i + 1));
    const header = { leaseToken: 'x', taskId: 't1', version: 0, kind: 'train' as const, samples: 128, loss: 1, accuracy: 50, correct: 64, seconds: 1, backend: 'bench' };
    const body = encodeReport(header, encodeTensors(deltas[0]!));
    const accept = timed(() => {
      const report = decodeReport(body);
      if (!report.ok) throw new Error(report.error);
      const delta = decodeTensors(report.value.payload);
      if (!delta.ok) throw new Error(delta.error);
      const checked = validateDelta(delta.value, state.tensors, Number.POSITIVE_INFINITY);
      if (!checked.ok) throw new Error(checked.error);
    });
    const close = timed(() => {
      const combined = combineDeltas(deltas.map((delta) => ({ delta, samples: 128 })), 'mean', { trimFraction: 0.1, maxDeltaNorm: 1000 });
      if (!combined.ok) throw new Error(combined.error);
      encodeModelState(applyDelta(state, combined.value));
    });
    console.log(`  ${label}: ${(parameterCount(architecture) / 1e6).toFixed(2)}M parameters, ${(floats / 1e6).toFixed(2)}M floats in the state, report body ${(body.length / 2 ** 20).toFixed(1)} MiB`);
    console.log(`    accept one report (decode + validate):         ${accept.wallMs.toFixed(1).padStart(7)} ms wall, ${accept.cpuMs.toFixed(1).padStart(7)} ms CPU`);
    console.log(`    close a round of ${ROUND_SIZE} (combine, apply, re-shard): ${close.wallMs.toFixed(1).padStart(7)} ms wall, ${close.cpuMs.toFixed(1).padStart(7)} ms CPU`);
  }
}
