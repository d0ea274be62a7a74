// The coordinator's volunteer-facing API: list runs, lease, report, release, and the downloads
// a task needs (state manifest, state shards, data shards). Every answer is a Fetched value.
import {
  TaskSchema,
  type LeaseRequest,
  type RunProgress,
  type RunSummary,
  type StateManifestResponse,
  type Task,
} from '../../shared/protocol/index.ts';
import { fetchBytes, fetchJson, type Fetched, type FetchLike } from './http.ts';

export interface ReportReceipt {
  taskId: string;
  version: number;
  roundClosed: boolean;
}

export interface CoordinatorClient {
  /** Origin the coordinator serves; relative URLs from it resolve against this. */
  readonly base: string;
  listRuns(signal?: AbortSignal): Promise<Fetched<RunSummary[]>>;
  progress(runId: string, signal?: AbortSignal): Promise<Fetched<RunProgress>>;
  lease(runId: string, request: LeaseRequest, signal?: AbortSignal): Promise<Fetched<Task>>;
  report(runId: string, body: Uint8Array): Promise<Fetched<ReportReceipt>>;
  release(runId: string, leaseToken: string): Promise<Fetched<unknown>>;
  manifest(stateUrl: string, signal?: AbortSignal): Promise<Fetched<StateManifestResponse>>;
  bytes(url: string, what: string, signal?: AbortSignal): Promise<Fetched<Uint8Array>>;
}

const jsonPost = (body: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  ...(signal ? { signal } : {}),
});

export function coordinatorClient(base: string, fetchFn: FetchLike = (input, init) => fetch(input, init)): CoordinatorClient {
  const url = (path: string): string => new URL(path, base).href;
  const run = (runId: string, rest = ''): string => url(`/api/runs/${encodeURIComponent(runId)}${rest}`);
  return {
    base,
    async listRuns(signal) {
      const listed = await fetchJson(fetchFn, url('/api/runs'), 'list runs', signal ? { signal } : {});
      if (!listed.ok) return listed;
      const runs = (listed.value as { runs?: unknown }).runs;
      if (!Array.isArray(runs)) return { ok: false, error: 'list runs: the answer has no "runs" list', status: null, retry: true };
      return { ok: true, value: runs as RunSummary[] };
    },
    async progress(runId, signal) {
      return (await fetchJson(fetchFn, run(runId), `read run ${runId}`, signal ? { signal } : {})) as Fetched<RunProgress>;
    },
    async lease(runId, request, signal) {
      const leased = await fetchJson(fetchFn, run(runId, '/lease'), 'lease', jsonPost(request, signal));
      if (!leased.ok) return leased;
      const parsed = TaskSchema.safeParse(leased.value);
      if (parsed.success) return { ok: true, value: parsed.data };
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      return { ok: false, error: `lease: the coordinator sent a task this volunteer does not understand (${issues})`, status: null, retry: false };
    },
    async report(runId, body) {
      const init: RequestInit = { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: body as BodyInit };
      return (await fetchJson(fetchFn, run(runId, '/report'), 'report', init)) as Fetched<ReportReceipt>;
    },
    async release(runId, leaseToken) {
      return fetchJson(fetchFn, run(runId, '/release'), 'release', jsonPost({ leaseToken }));
    },
    async manifest(stateUrl, signal) {
      return (await fetchJson(fetchFn, url(stateUrl), 'state manifest', signal ? { signal } : {})) as Fetched<StateManifestResponse>;
    },
    async bytes(path, what, signal) {
      return fetchBytes(fetchFn, url(path), what, signal ? { signal } : {});
    },
  };
}
