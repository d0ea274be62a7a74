// The one client of the coordinator's HTTP API, for volunteers, CLIs and the dashboard alike.
// Every answer is checked with its shared/protocol schema; every failure comes back in words.
import { parseRunConfig, type RunConfig } from '../../shared/config/run-config.ts';
import {
  AssignAnswerSchema, ReleaseAnswerSchema, ReportAnswerSchema, RunListSchema, RunProgressSchema, StateManifestResponseSchema, TaskSchema,
  type AssignAnswer, type CreateRunRequest, type LeaseRequest, type ReportReceipt, type RunProgress, type RunSummary, type StateManifestResponse, type Task,
} from '../../shared/protocol/index.ts';
import type { RunControl } from '../../shared/run/index.ts';
import { decodeModelState, type ModelState } from '../../shared/state/index.ts';
import { z } from 'zod';
import { fetchBytes, fetchJson, fetchResponse, type Fetched, type FetchLike } from './http.ts';

export interface CoordinatorClient {
  /** Origin the coordinator serves; relative URLs from it resolve against this. */
  readonly baseUrl: string;
  listRuns(signal?: AbortSignal): Promise<Fetched<RunSummary[]>>;
  runProgress(runId: string, signal?: AbortSignal): Promise<Fetched<RunProgress>>;
  /** The config the run was created with, checked with the config schema. */
  runConfig(runId: string): Promise<Fetched<RunConfig>>;
  createRun(request: CreateRunRequest): Promise<Fetched<RunProgress>>;
  controlRun(runId: string, action: RunControl): Promise<Fetched<RunProgress>>;
  /** Which run a volunteer that names none should lease from next, given the run it works for now. */
  assign(volunteerKey: string, current: string | null, signal?: AbortSignal): Promise<Fetched<AssignAnswer>>;
  lease(runId: string, request: LeaseRequest, signal?: AbortSignal): Promise<Fetched<Task>>;
  report(runId: string, body: Uint8Array): Promise<Fetched<ReportReceipt>>;
  release(runId: string, leaseToken: string, volunteerKey: string): Promise<Fetched<{ taskId: string }>>;
  manifest(stateUrl: string, signal?: AbortSignal): Promise<Fetched<StateManifestResponse>>;
  /** The manifest's shards, joined and checked against their hashes. */
  modelState(runId: string, version: number): Promise<Fetched<ModelState>>;
  bytes(url: string, what: string, signal?: AbortSignal): Promise<Fetched<Uint8Array>>;
  /** Raw GET of a path under the coordinator, e.g. a binary file. */
  get(path: string): Promise<Fetched<Response>>;
  eventsUrl(runId: string): string;
}

export interface ClientOptions {
  /** Sent as a Bearer token to the admin routes. */
  adminToken?: string;
  fetch?: FetchLike;
}

const ADMIN_HINT = ' (set AUTOGROW_ADMIN_TOKEN to the coordinator\'s ADMIN_TOKEN)';
const AnyJson = z.record(z.string(), z.unknown());

const signalOf = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

const jsonPost = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
  ...signalOf(signal),
});

/** A refused admin call says which token to set. */
function withAdminHint<T>(fetched: Fetched<T>): Fetched<T> {
  return !fetched.ok && (fetched.status === 401 || fetched.status === 503) ? { ...fetched, error: `${fetched.error}${ADMIN_HINT}` } : fetched;
}

export function coordinatorClient(baseUrl: string, options: ClientOptions = {}): CoordinatorClient {
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const url = (path: string): string => new URL(path, baseUrl).href;
  const run = (runId: string, rest = ''): string => url(`/api/runs/${encodeURIComponent(runId)}${rest}`);
  const admin: Record<string, string> = options.adminToken ? { Authorization: `Bearer ${options.adminToken}` } : {};
  return {
    baseUrl,
    async listRuns(signal) {
      const listed = await fetchJson(fetchFn, url('/api/runs'), 'list runs', RunListSchema, signalOf(signal));
      return listed.ok ? { ok: true, value: listed.value.runs } : listed;
    },
    runProgress: (runId, signal) => fetchJson(fetchFn, run(runId), `read run ${runId}`, RunProgressSchema, signalOf(signal)),
    async runConfig(runId) {
      const body = await fetchJson(fetchFn, run(runId, '/config'), `config of run ${runId}`, AnyJson);
      if (!body.ok) return body;
      const parsed = parseRunConfig(body.value);
      return parsed.ok ? parsed : { ok: false, status: null, retry: false, error: `config of run ${runId}: ${parsed.error}` };
    },
    createRun: async (request) => withAdminHint(await fetchJson(fetchFn, url('/api/runs'), 'create run', RunProgressSchema, jsonPost(request, admin))),
    controlRun: async (runId, action) => withAdminHint(await fetchJson(fetchFn, run(runId, `/${action}`), `${action} run ${runId}`, RunProgressSchema, jsonPost({}, admin))),
    assign: (volunteerKey, current, signal) => fetchJson(fetchFn, url('/api/assign'), 'assign a run', AssignAnswerSchema, jsonPost({ volunteerKey, current }, {}, signal)),
    lease: (runId, request, signal) => fetchJson(fetchFn, run(runId, '/lease'), 'lease', TaskSchema, jsonPost(request, {}, signal)),
    async report(runId, body) {
      const init: RequestInit = { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: body as BodyInit };
      const answered = await fetchJson(fetchFn, run(runId, '/report'), 'report', ReportAnswerSchema, init);
      return answered.ok ? { ok: true, value: { taskId: answered.value.taskId, version: answered.value.version, roundClosed: answered.value.roundClosed } } : answered;
    },
    async release(runId, leaseToken, volunteerKey) {
      const answered = await fetchJson(fetchFn, run(runId, '/release'), 'release', ReleaseAnswerSchema, jsonPost({ leaseToken, volunteerKey }));
      return answered.ok ? { ok: true, value: { taskId: answered.value.taskId } } : answered;
    },
    manifest: (stateUrl, signal) => fetchJson(fetchFn, url(stateUrl), 'state manifest', StateManifestResponseSchema, signalOf(signal)),
    async modelState(runId, version) {
      const manifest = await fetchJson(fetchFn, run(runId, `/state/${version}`), `state of run ${runId} at version ${version}`, StateManifestResponseSchema);
      if (!manifest.ok) return manifest;
      const shards: Uint8Array[] = [];
      for (const shard of manifest.value.shards) {
        const bytes = await fetchBytes(fetchFn, url(shard.url), `state shard ${shard.index} of version ${version}`);
        if (!bytes.ok) return bytes;
        shards.push(bytes.value);
      }
      const decoded = decodeModelState(manifest.value, shards);
      return decoded.ok ? decoded : { ok: false, status: null, retry: true, error: decoded.error };
    },
    bytes: (path, what, signal) => fetchBytes(fetchFn, url(path), what, signalOf(signal)),
    get: (path) => fetchResponse(fetchFn, url(path), `GET ${path}`),
    eventsUrl: (runId) => run(runId, '/events'),
  };
}
