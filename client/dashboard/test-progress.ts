// RunProgress values for the dashboard's unit tests: the recorded fixture run, and a small
// hand-made run to override field by field.
import snapshots from '../../tests/dashboard/fixtures/run-snapshots.json' with { type: 'json' };
import type { RunProgress } from '../../shared/protocol/index.ts';

/** The recorded CIFAR-10 run, one snapshot per finished epoch; the last one is done. */
export const recordedSnapshots = snapshots as RunProgress[];
export const finishedRun = (): RunProgress => structuredClone(recordedSnapshots.at(-1)!);

export function smallRun(overrides: Partial<RunProgress> = {}): RunProgress {
  return {
    id: '00112233445566778899aabbccddeeff', name: 'small', group: null, status: 'running', doneReason: null, phase: 'growing',
    epoch: 2, version: 7,
    architecture: { name: 'Basic3ResNet-2-1-1', family: 'Basic3ResNet', depths: [2, 1, 1], widths: [4, 8, 8], maxDepths: [3, 3, 3] },
    dataset: { name: 'synthetic', input: { height: 12, width: 12, channels: 1 }, classes: 4, mean: [0.5], std: [0.25] },
    circle: [1, 2, 0], learningRate: 0.1,
    history: [
      { epoch: 0, phase: 'growing', valAcc: 40, trainLoss: 2, trainAcc: 35, imagesPerSecond: 100, samples: 1000, architecture: 'Basic3ResNet-1-1-1', seconds: 10, learningRate: 0.1 },
      { epoch: 1, phase: 'growing', valAcc: 60, trainLoss: 1.5, trainAcc: 55, imagesPerSecond: 80, samples: 1000, architecture: 'Basic3ResNet-2-1-1', seconds: 12.5, learningRate: 0.1 },
    ],
    log: [{ epoch: 1, type: 'grow', stage: 0, depth: 2 }],
    events: [],
    volunteers: [{ id: 'v1', backend: 'wasm', lastSeen: 1_090_000, samples: 2000, reports: 2, agreements: 0, strikes: 0 }],
    activeVolunteers: overrides.volunteers?.length ?? 1, tasksInFlight: 1, samplesProcessed: 2000, noiseScale: null,
    work: { kind: 'train', split: 'train', round: 0, rounds: 2, tasksDone: 0, tasksTotal: 2 },
    epochProgress: { done: 1, total: 4 },
    bestValAcc: 60, testAcc: null, createdAt: 1_000_000, updatedAt: 1_095_000,
    ...overrides,
  };
}
