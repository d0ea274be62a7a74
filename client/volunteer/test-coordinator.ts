// Test-only: an in-memory coordinator behind a fetch function, with one tiny model and one data
// shard, that records every request and lets a test script the answers to assigns, leases and reports.
import { encodeShard } from '../data/shard-file.ts';
import { initialModelState } from '../../shared/init/index.ts';
import { presetConfig } from '../../shared/config/presets.ts';
import { decodeReport, type AssignAnswer, type ReportHeader, type RunProgress, type Task, type TrainTask } from '../../shared/protocol/index.ts';
import { memoryRun } from '../../shared/run/index.ts';
import { encodeModelState } from '../../shared/state/index.ts';
import type { FetchLike } from '../coordinator/index.ts';

export const RUN_ID = '0123456789abcdef0123456789abcdef';
const input = { height: 8, width: 8, channels: 1 };
const architecture = { family: 'Basic3ResNet' as const, depths: [1, 1, 1], widths: [2, 2, 2], input, classes: 2 };
const { manifest, shards } = encodeModelState(initialModelState(architecture, 1), 1024);
const dataShard = encodeShard({
  split: 'train', index: 0, count: 3, input, layoutKey: 'test-layout',
  images: new Uint8Array(3 * 64).fill(7), labels: Uint8Array.from([0, 1, 0]),
});

/** A real run's progress (the tiny preset's, just created), as GET /api/runs/:id sends it. */
const runProgress = ((): RunProgress => {
  const tiny = presetConfig('tiny');
  if (!tiny.ok) throw new Error(tiny.error);
  const driver = memoryRun(RUN_ID, tiny.value, 0);
  return driver.progress(0);
})();

export function trainTask(taskId = 't1', deadline = Date.now() + 60_000): TrainTask {
  return {
    kind: 'train', taskId, runId: RUN_ID, version: 0, leaseToken: `token-${taskId}`, deadline,
    stateUrl: `/api/runs/${RUN_ID}/state/0`, shards: [{ split: 'train', index: 0, count: 3, url: '/data/test-layout/train-00000.bin' }],
    batchSize: 2, normalization: { mean: [0.5], std: [0.25] }, epoch: 0, round: 0, seeds: [5],
    hyper: { learningRate: 0.1, momentum: 0.9, weightDecay: 0 }, augment: false, encodings: ['f32'], maxDeltaNorm: 1000, reproducible: false,
  };
}

type Answer = Response | Error;

export class TestCoordinator {
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  readonly reports: ReportHeader[] = [];
  /** Answers to the next lease requests, in order; when empty, leases say "done". */
  leases: (Task | Answer)[] = [];
  /** Answers to the next reports; when empty, reports are accepted. */
  reportAnswers: Answer[] = [];
  /** Answers to the next POST /api/assign; when empty, a 404. */
  assignments: (AssignAnswer | Answer)[] = [];

  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const raw = init.body instanceof Uint8Array ? init.body : typeof init.body === 'string' ? JSON.parse(init.body) : null;
    this.requests.push({ method, path: url.pathname, body: raw });
    const answer = this.#route(method, url, raw);
    if (answer instanceof Error) throw answer;
    return answer;
  };

  count(path: string): number {
    return this.requests.filter((request) => request.path.endsWith(path)).length;
  }

  #route(method: string, url: URL, body: unknown): Answer {
    const path = url.pathname;
    if (path === '/api/assign') {
      const next = this.assignments.shift() ?? refusal(404, 'no assignment scripted');
      return next instanceof Response || next instanceof Error ? next : json(next);
    }
    if (path.endsWith('/lease')) {
      const next = this.leases.shift() ?? { kind: 'done', reason: 'finished' };
      return next instanceof Response || next instanceof Error ? next : json(next);
    }
    if (path.endsWith('/report')) {
      const decoded = decodeReport(body as Uint8Array);
      if (decoded.ok) this.reports.push(decoded.value.header);
      const next = this.reportAnswers.shift();
      if (next) return next;
      return decoded.ok ? json({ accepted: true, taskId: decoded.value.header.taskId, version: 1, roundClosed: true }) : refusal(400, decoded.error);
    }
    if (path.endsWith('/release')) return json({ released: true, taskId: 't1' });
    if (path.endsWith('/state/0')) {
      return json({ ...manifest, runId: RUN_ID, version: 0, shards: manifest.shards.map((s) => ({ ...s, url: `/api/shards/${s.hash}?run=${RUN_ID}` })) });
    }
    if (path.startsWith('/api/shards/')) {
      const shard = shards[manifest.shards.findIndex((s) => path.endsWith(s.hash))];
      return shard ? new Response(shard as BodyInit) : refusal(404, 'no such shard');
    }
    if (path === '/data/test-layout/train-00000.bin') return new Response(dataShard as BodyInit);
    if (method === 'GET' && path === `/api/runs/${RUN_ID}`) return json(runProgress);
    return refusal(404, `no route for ${method} ${path}`);
  }
}

export const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
export const refusal = (status: number, error: string): Response => json({ error }, status);
export const stateShardCount = manifest.shards.length;
