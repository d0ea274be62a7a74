// Test helpers: the coordinator called through its real fetch handler, and fake volunteers that
// lease tasks, pull the state and post reports encoded with the real codecs.
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfigInput } from '../../shared/config/run-config.ts';
import { encodeReport, volunteerLabel, type LeasedTask, type ReportHeader, type RunProgress, type StateManifestResponse, type Task } from '../../shared/protocol/index.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { encodeChunkedDelta } from '../../shared/delta/index.ts';
import { decodeModelState, type ModelState, type NamedTensor } from '../../shared/state/index.ts';

export const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };

export function api(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://fleet.test${path}`, init));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The tiny preset's config with some fields replaced (one level deep per section). */
export function tinyConfig(patch: { [K in keyof RunConfigInput]?: Partial<Extract<RunConfigInput[K], object>> } = {}): RunConfigInput {
  const parsed = presetConfig('tiny');
  if (!parsed.ok) throw new Error(parsed.error);
  const config: Record<string, unknown> = { ...parsed.value };
  for (const [section, fields] of Object.entries(patch)) config[section] = { ...(config[section] as object), ...fields };
  return config as RunConfigInput;
}

export async function createRun(body: unknown = { preset: 'tiny' }): Promise<RunProgress> {
  const response = await postJson('/api/runs', body, ADMIN);
  expect(response.status).toBe(201);
  return response.json();
}

export async function progress(runId: string): Promise<RunProgress> {
  const response = await api(`/api/runs/${runId}`);
  expect(response.status).toBe(200);
  return response.json();
}

/** A test volunteer's secret, from its name; labelOf is what the run's views call it. */
export const keyOf = (name: string): string => `${name}-test-volunteer-key`.padEnd(32, '0');
export const labelOf = (name: string): string => volunteerLabel(keyOf(name));

/** Who leased each task (by lease token), so a report or release carries that volunteer's key. */
const leasedBy = new Map<string, string>();

export const keyOfLease = (task: LeasedTask): string => leasedBy.get(task.leaseToken) ?? keyOf('alice');

export async function lease(runId: string, volunteer = 'alice', backend = 'wasm'): Promise<Task> {
  const response = await postJson(`/api/runs/${runId}/lease`, { volunteerKey: keyOf(volunteer), backend });
  expect(response.status).toBe(200);
  const task: Task = await response.json();
  if (task.kind !== 'wait' && task.kind !== 'done') leasedBy.set(task.leaseToken, keyOf(volunteer));
  return task;
}

export async function leaseTask(runId: string, volunteerId = 'alice'): Promise<LeasedTask> {
  const task = await lease(runId, volunteerId);
  if (task.kind === 'wait' || task.kind === 'done') throw new Error(`expected a task, got ${JSON.stringify(task)}`);
  return task;
}

export async function fetchState(runId: string, version: number): Promise<ModelState> {
  const response = await api(`/api/runs/${runId}/state/${version}`);
  expect(response.status).toBe(200);
  const manifest: StateManifestResponse = await response.json();
  const shards = await Promise.all(manifest.shards.map(async (shard) => new Uint8Array(await (await api(shard.url)).arrayBuffer())));
  const decoded = decodeModelState(manifest, shards);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.value;
}

/** A small random delta over every tensor of the state, as a volunteer's training would produce. */
export function randomDelta(state: ModelState, seed: number, scale = 1e-3): NamedTensor[] {
  const random = new RandomGenerator(seed);
  return state.tensors.map((t) => ({ name: t.name, shape: [...t.shape], data: Float32Array.from(t.data, () => scale * random.normal()) }));
}

export function reportHeader(task: LeasedTask, patch: Partial<ReportHeader> = {}): ReportHeader {
  const samples = task.shards.reduce((sum, shard) => sum + shard.count, 0);
  return {
    leaseToken: task.leaseToken, volunteerKey: keyOfLease(task), taskId: task.taskId, version: task.version, kind: task.kind,
    samples, loss: 1.2, accuracy: 50, correct: Math.floor(samples / 2), seconds: 2, backend: 'wasm',
    ...(task.kind === 'eval' ? {} : { encoding: 'f32' as const }), ...patch,
  };
}

/** The delta's tensors (in state order) as the flat f32 payload a volunteer sends. */
export function deltaPayload(delta: readonly NamedTensor[]): Uint8Array {
  const flat = new Float32Array(delta.reduce((sum, t) => sum + t.data.length, 0));
  let offset = 0;
  for (const t of delta) {
    flat.set(t.data, offset);
    offset += t.data.length;
  }
  return encodeChunkedDelta(flat, 'f32');
}

export function postReport(runId: string, body: Uint8Array): Promise<Response> {
  return api(`/api/runs/${runId}/report`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body });
}

/** Reports a task: eval tasks with `correct` images right, train tasks with the given delta. */
export async function report(runId: string, task: LeasedTask, options: { delta?: NamedTensor[]; correct?: number } = {}): Promise<Response> {
  const header = reportHeader(task, options.correct === undefined ? {} : { correct: options.correct, accuracy: (100 * options.correct) / reportHeader(task).samples });
  const payload = task.kind === 'eval' ? undefined : deltaPayload(options.delta ?? randomDelta(await fetchState(runId, task.version), 7));
  return postReport(runId, encodeReport(header, payload));
}

/** Finishes train rounds until the epoch's val round is up. */
export async function finishEpoch(runId: string): Promise<void> {
  while ((await progress(runId)).work.kind === 'train') await finishRound(runId);
}

/** Leases and reports every task until the run's version or work changes; returns the tasks done. */
export async function finishRound(runId: string, options: { correct?: number } = {}): Promise<LeasedTask[]> {
  const done: LeasedTask[] = [];
  const start = await progress(runId);
  for (let i = 0; i < start.work.tasksTotal; i++) {
    const task = await leaseTask(runId, `volunteer-${i}`);
    const response = await report(runId, task, options);
    expect(response.status, await response.clone().text()).toBe(200);
    done.push(task);
  }
  return done;
}
