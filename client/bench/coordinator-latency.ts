// Lease + report round trips against a real local coordinator (`wrangler dev`, workerd) with
// 1 to 200 simulated volunteers that skip training and report zero deltas at once.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeChunkedDelta } from '../../shared/delta/index.ts';
import { initialModelState } from '../../shared/init/index.ts';
import { encodeReport, TaskSchema, type LeasedTask, type StateManifestResponse } from '../../shared/protocol/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import { DEV_ADMIN_TOKEN, freePort, startCoordinator } from '../cli/coordinator-process.ts';

export const FLEET_SIZES = [1, 10, 50, 200];
const REPORTS_PER_VOLUNTEER = 4;

/** Many small train shards, one round per fleet size, so every volunteer has a task in flight. */
function benchConfig(roundSize: number) {
  return {
    name: `latency-${roundSize}`,
    dataset: { name: 'synthetic', synthetic: { input: { height: 12, width: 12, channels: 1 }, classes: 4, trainSize: 4000, testSize: 64 }, shardSize: 8, validationFraction: 0.05 },
    architecture: { family: 'Basic3ResNet', widths: [4, 8, 8], seedDepths: [1, 1, 1], maxDepths: [3, 3, 3] },
    // Reports come back at once, so any task still out would look like a straggler: no backup copies.
    fleet: { roundSize, leaseSeconds: 60, backups: 0 },
  };
}

async function post(url: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers });
}

async function zeroDeltaBody(base: string, task: LeasedTask, cache: Map<number, Uint8Array>): Promise<Uint8Array> {
  let payload = cache.get(task.version);
  if (!payload) {
    const manifest = (await (await fetch(new URL(task.stateUrl, base))).json()) as StateManifestResponse;
    payload = encodeChunkedDelta(new Float32Array(stateLayout(initialModelState(manifest.architecture, 0)).length), 'f32');
    cache.set(task.version, payload);
  }
  return task.kind === 'eval' ? new Uint8Array(0) : payload;
}

async function volunteer(base: string, runId: string, id: string, rounds: number[], cache: Map<number, Uint8Array>): Promise<void> {
  let reports = 0;
  while (reports < REPORTS_PER_VOLUNTEER) {
    const started = performance.now();
    const leased = await post(`${base}/api/runs/${runId}/lease`, JSON.stringify({ volunteerKey: id, backend: 'bench' }), { 'content-type': 'application/json' });
    const task = TaskSchema.parse(await leased.json());
    if (task.kind === 'done') return;
    if (task.kind === 'wait') {
      await new Promise((done) => setTimeout(done, 20));
      continue;
    }
    const leaseMs = performance.now() - started;
    const samples = task.shards.reduce((sum, shard) => sum + shard.count, 0);
    const header = {
      leaseToken: task.leaseToken, volunteerKey: id, taskId: task.taskId, version: task.version, kind: task.kind,
      samples, loss: 1, accuracy: 50, correct: samples / 2, seconds: 0.01, backend: 'bench', ...(task.kind === 'eval' ? {} : { encoding: 'f32' as const }),
    };
    const body = encodeReport(header, await zeroDeltaBody(base, task, cache));
    const reportStarted = performance.now();
    const answer = await post(`${base}/api/runs/${runId}/report`, body as BodyInit);
    if (!answer.ok) throw new Error(`report refused: ${answer.status} ${await answer.text()}`);
    rounds.push(leaseMs + (performance.now() - reportStarted));
    reports++;
  }
}

/**
 * Where the coordinator's state lives: this machine's disk, as `npm start` keeps it, and memory
 * (Linux tmpfs) where there is one. Local workerd syncs SQLite to disk at every write; a deployed
 * Durable Object's storage is not this disk, so the memory row is the coordinator's own cost.
 */
function stateFolders(): { label: string; parent: string }[] {
  return [{ label: 'state on disk', parent: tmpdir() }, ...(existsSync('/dev/shm') ? [{ label: 'state in memory (tmpfs)', parent: '/dev/shm' }] : [])];
}

export async function benchLatency(): Promise<void> {
  for (const { label, parent } of stateFolders()) await benchLatencyIn(label, parent);
}

async function benchLatencyIn(label: string, parent: string): Promise<void> {
  const persistTo = await mkdtemp(join(parent, 'autogrow-latency-'));
  const started = await startCoordinator({ port: await freePort(), persistTo, newVolunteersPerHour: 1_000_000 });
  if (!started.ok) throw new Error(started.error);
  const { url, stop } = started.value;
  try {
    console.log(`Lease + report round trip against wrangler dev (workerd) on ${url}, ${label}, ${REPORTS_PER_VOLUNTEER} reports per volunteer:`);
    for (const size of FLEET_SIZES) {
      const created = await post(`${url}/api/runs`, JSON.stringify({ config: benchConfig(size) }), { authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'content-type': 'application/json' });
      if (!created.ok) throw new Error(`create run: ${created.status} ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const latencies: number[] = [];
      const cache = new Map<number, Uint8Array>();
      const wall = performance.now();
      await Promise.all(Array.from({ length: size }, (_, i) => volunteer(url, id, `bench-volunteer-${String(i).padStart(6, '0')}`.padEnd(32, '0'), latencies, cache)));
      const seconds = (performance.now() - wall) / 1000;
      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
      console.log(`  ${String(size).padStart(3)} volunteers: p50 ${at(0.5).padStart(6)} ms, p95 ${at(0.95).padStart(6)} ms, p99 ${at(0.99).padStart(6)} ms, ${(latencies.length / seconds).toFixed(1)} reports/s over ${latencies.length} reports`);
    }
  } finally {
    await stop();
    await rm(persistTo, { recursive: true, force: true });
  }
}
