// What one round costs the run's Durable Object, timed in Node through the same shared run
// driver the DO runs (shared/run, V8 both): bytes per report in each encoding, CPU to accept one
// report, CPU and peak added memory to take a round of 32 reports and close it.
import { parameterCount, type ArchitectureSpec } from '../../shared/architecture/index.ts';
import { parseRunConfig, type RunConfig } from '../../shared/config/run-config.ts';
import { encodeChunkedDelta, ErrorFeedback, layoutKey, type DeltaEncoding } from '../../shared/delta/index.ts';
import { decodeReport, encodeReport, type ReportHeader } from '../../shared/protocol/index.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { memoryRun, type LeaseRecord, type RunDriver, type TaskRecord } from '../../shared/run/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import { memorySampler } from './memory-peak.ts';

const cifar = { height: 32, width: 32, channels: 3 };
export const ROUND_CASES: { label: string; architecture: ArchitectureSpec }[] = [
  { label: 'ResNet-20 (Basic3ResNet-3-3-3, 16-32-64)', architecture: { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [16, 32, 64], input: cifar, classes: 10 } },
  { label: 'Basic3ResNet-3-3-3, 64-128-256', architecture: { family: 'Basic3ResNet', depths: [3, 3, 3], widths: [64, 128, 256], input: cifar, classes: 10 } },
];
export const ROUND_SIZE = 32;
const ENCODINGS: DeltaEncoding[] = ['f32', 'f16', 'int8'];
const MIB = 2 ** 20;

/** A run of the architecture at its own depths (no growth), rounds of 32 tasks of 64 images. */
function roundConfig({ architecture }: (typeof ROUND_CASES)[number], encoding: DeltaEncoding, outer: boolean): RunConfig {
  const parsed = parseRunConfig({
    name: 'bench-round',
    dataset: { name: 'synthetic', synthetic: { input: cifar, classes: 10, trainSize: 64 * ROUND_SIZE * 2, testSize: 64 }, shardSize: 64, validationFraction: 0.05 },
    architecture: { family: architecture.family, widths: architecture.widths, seedDepths: architecture.depths, maxDepths: architecture.depths },
    fleet: { roundSize: ROUND_SIZE, deltaEncodings: [encoding], outer: outer ? { learningRate: 0.7, momentum: 0.9, nesterov: true } : {} },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const cpu = (work: () => void): number => {
  const usage = process.cpuUsage();
  work();
  const spent = process.cpuUsage(usage);
  return (spent.user + spent.system) / 1000;
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Leased {
  key: string;
  task: TaskRecord;
  lease: LeaseRecord;
}

/** A driver with a full round leased to ROUND_SIZE volunteers, and each one's report body. */
function leasedRound(config: RunConfig, encoding: DeltaEncoding): { driver: RunDriver; leased: Leased[]; bodies: Uint8Array[] } {
  const driver = memoryRun('bench', config, 0);
  const length = stateLayout(driver.live.state).length;
  const leased: Leased[] = [];
  for (let v = 0; v < ROUND_SIZE; v++) {
    const key = `bench-volunteer-${String(v).padStart(6, '0')}`.padEnd(32, '0');
    const leasedNow = driver.lease({ volunteerKey: key, backend: 'bench' }, 1000 + v);
    if (!leasedNow.ok || leasedNow.value.kind !== 'task') throw new Error(`bench: volunteer ${v} got ${JSON.stringify(leasedNow)}`);
    const reply = leasedNow.value;
    leased.push({ key, task: reply.task, lease: reply.lease });
  }
  const random = new RandomGenerator(7);
  const bodies = leased.map(({ key, task }) => {
    const flat = Float32Array.from({ length }, () => 1e-4 * random.normal());
    const samples = task.shards.reduce((sum, shard) => sum + shard.count, 0);
    const header: ReportHeader = { leaseToken: 'bench', volunteerKey: key, taskId: task.id, version: task.version, kind: 'train', samples, loss: 1, accuracy: 10, correct: Math.round(samples / 10), seconds: 1, backend: 'bench', encoding };
    return encodeReport(header, encodeChunkedDelta(flat, encoding));
  });
  return { driver, leased, bodies };
}

/** Decodes the body as the DO does and hands it to the driver; throws on a refusal (a bench bug). */
function accept(driver: RunDriver, { task, lease }: Leased, body: Uint8Array): void {
  const decoded = decodeReport(body);
  if (!decoded.ok) throw new Error(decoded.error);
  const claims = { taskId: task.id, lease: lease.lease, version: task.version, deadline: lease.deadline };
  const receipt = driver.report({ claims, ...decoded.value }, 2000);
  if (!receipt.ok) throw new Error(receipt.error);
}

export async function benchRound(): Promise<void> {
  const sampler = await memorySampler();
  console.log(`Coordinator per round (shared run driver, Node ${process.version}; the DO runs the same code on V8), round of ${ROUND_SIZE}:`);
  for (const round of ROUND_CASES) {
    console.log(`  ${round.label}: ${(parameterCount(round.architecture) / 1e6).toFixed(2)}M parameters`);
    for (const encoding of ENCODINGS) {
      for (const outer of encoding === 'int8' ? [false, true] : [false]) {
        const { driver, leased, bodies } = leasedRound(roundConfig(round, encoding, outer), encoding);
        const accepts = leased.slice(0, -1).map((volunteer, i) => cpu(() => accept(driver, volunteer, bodies[i]!)));
        const last = leased.length - 1;
        let closeCpu = 0;
        const peak = await sampler.peakAdded(() => {
          closeCpu = cpu(() => accept(driver, leased[last]!, bodies[last]!));
        });
        if (driver.live.run.version !== 1) throw new Error('bench: the round did not close');
        const name = `${encoding}${outer ? ' + Nesterov outer momentum' : ''}`.padEnd(32);
        console.log(`    ${name} ${(bodies[0]!.length / MIB).toFixed(2).padStart(6)} MiB per report; accept ${median(accepts).toFixed(1).padStart(6)} ms CPU; last report + close ${closeCpu.toFixed(0).padStart(5)} ms CPU, ${(peak / MIB).toFixed(1).padStart(6)} MiB added at the peak`);
      }
    }
  }
  const { architecture } = ROUND_CASES[1]!;
  const config = roundConfig(ROUND_CASES[1]!, 'int8', false);
  const driver = memoryRun('bench', config, 0);
  const layout = stateLayout(driver.live.state);
  const random = new RandomGenerator(3);
  const flat = Float32Array.from({ length: layout.length }, () => 1e-4 * random.normal());
  const feedback = new ErrorFeedback();
  console.log(`  volunteer side, ${(parameterCount(architecture) / 1e6).toFixed(2)}M parameters:`);
  for (const encoding of ENCODINGS) console.log(`    encode ${encoding.padEnd(4)} ${cpu(() => encodeChunkedDelta(flat, encoding)).toFixed(0).padStart(5)} ms CPU`);
  console.log(`    encode int8 with error feedback ${cpu(() => feedback.compress(flat, 'int8', layoutKey(layout))).toFixed(0).padStart(5)} ms CPU`);
  await sampler.close();
}
