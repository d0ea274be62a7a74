// A small typed client of the coordinator's read and admin routes, for the CLIs and the dashboard.
// Every failure comes back as a value whose error says in words what went wrong.
import { parseRunConfig, type RunConfig } from '../../shared/config/run-config.ts';
import type { CreateRunRequest, RunProgress, RunSummary, StateManifestResponse } from '../../shared/protocol/index.ts';
import { decodeModelState, type ModelState } from '../../shared/state/index.ts';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: string; status: number | null };

export type RunControl = 'pause' | 'resume' | 'cancel';

export interface CoordinatorApi {
  readonly baseUrl: string;
  listRuns(): Promise<ApiResult<RunSummary[]>>;
  runProgress(id: string): Promise<ApiResult<RunProgress>>;
  /** The config the run was created with, checked with the config schema. */
  runConfig(id: string): Promise<ApiResult<RunConfig>>;
  createRun(request: CreateRunRequest): Promise<ApiResult<RunProgress>>;
  controlRun(id: string, action: RunControl): Promise<ApiResult<RunProgress>>;
  /** The manifest's shards, joined and checked against their hashes. */
  modelState(id: string, version: number): Promise<ApiResult<ModelState>>;
  /** Raw GET of a path under the coordinator, e.g. a binary file. */
  get(path: string): Promise<ApiResult<Response>>;
  eventsUrl(id: string): string;
}

export interface ApiOptions {
  /** Sent as a Bearer token to the admin routes. */
  adminToken?: string;
  fetch?: typeof fetch;
}

/** What `wrangler dev` sets as ADMIN_TOKEN; only ever sent to a coordinator on this machine. */
export const DEV_ADMIN_TOKEN = 'dev-admin-token';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** AUTOGROW_ADMIN_TOKEN when set; else the dev token for a local coordinator, nothing for a remote one. */
export function adminTokenFor(coordinatorUrl: string, env: Record<string, string | undefined>): string | undefined {
  if (env.AUTOGROW_ADMIN_TOKEN) return env.AUTOGROW_ADMIN_TOKEN;
  return LOCAL_HOSTS.has(new URL(coordinatorUrl).hostname) ? DEV_ADMIN_TOKEN : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Enough of the shape to render; the coordinator is trusted, a wrong URL or proxy is not. */
export function isRunProgress(value: unknown): value is RunProgress {
  return isRecord(value) && typeof value.id === 'string' && Array.isArray(value.history) && Array.isArray(value.log) &&
    isRecord(value.architecture) && isRecord(value.dataset) && isRecord(value.epochProgress) && isRecord(value.work);
}

const isRunList = (value: unknown): value is { runs: RunSummary[] } =>
  isRecord(value) && Array.isArray(value.runs) && value.runs.every((run) => isRecord(run) && typeof run.id === 'string');

const isManifest = (value: unknown): value is StateManifestResponse =>
  isRecord(value) && isRecord(value.architecture) && typeof value.hash === 'string' && Array.isArray(value.shards);

async function refusal(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let message = text.trim().slice(0, 500);
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON (a proxy's error page, say): the text itself is the best description.
  }
  return `${response.status} ${response.statusText}${message ? `: ${message}` : ''}`;
}

export function coordinatorApi(baseUrl: string, options: ApiOptions = {}): CoordinatorApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const url = (path: string): string => new URL(path, baseUrl).toString();

  async function request(path: string, init: RequestInit = {}): Promise<ApiResult<Response>> {
    let response: Response;
    try {
      response = await doFetch(url(path), init);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, status: null, error: `cannot reach the coordinator at ${baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
    }
    if (response.ok) return { ok: true, value: response };
    const error = await refusal(response);
    const hint = response.status === 401 || response.status === 503 ? ' (set AUTOGROW_ADMIN_TOKEN to the coordinator\'s ADMIN_TOKEN)' : '';
    return { ok: false, status: response.status, error: `${init.method ?? 'GET'} ${path}: ${error}${hint}` };
  }

  async function json<T>(path: string, check: (value: unknown) => value is T, init?: RequestInit): Promise<ApiResult<T>> {
    const response = await request(path, init);
    if (!response.ok) return response;
    const body: unknown = await response.value.json().catch(() => undefined);
    if (!check(body)) return { ok: false, status: response.value.status, error: `${path}: the coordinator's answer is not the expected JSON` };
    return { ok: true, value: body };
  }

  const admin = (body?: unknown): RequestInit => ({
    method: 'POST',
    headers: { ...(options.adminToken ? { Authorization: `Bearer ${options.adminToken}` } : {}), 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const runPath = (id: string): string => `/api/runs/${encodeURIComponent(id)}`;

  return {
    baseUrl,
    async listRuns() {
      const list = await json('/api/runs', isRunList);
      return list.ok ? { ok: true, value: list.value.runs } : list;
    },
    runProgress: (id) => json(runPath(id), isRunProgress),
    createRun: (body) => json('/api/runs', isRunProgress, admin(body)),
    controlRun: (id, action) => json(`${runPath(id)}/${action}`, isRunProgress, admin()),
    async runConfig(id) {
      const body = await json(`${runPath(id)}/config`, isRecord);
      if (!body.ok) return body;
      const parsed = parseRunConfig(body.value);
      return parsed.ok ? { ok: true, value: parsed.config } : { ok: false, status: null, error: `${runPath(id)}/config: ${parsed.error}` };
    },
    async modelState(id, version) {
      const manifest = await json(`${runPath(id)}/state/${version}`, isManifest);
      if (!manifest.ok) return manifest;
      const shards: Uint8Array[] = [];
      for (const shard of manifest.value.shards) {
        const response = await request(shard.url);
        if (!response.ok) return response;
        shards.push(new Uint8Array(await response.value.arrayBuffer()));
      }
      const decoded = decodeModelState(manifest.value, shards);
      return decoded.ok ? { ok: true, value: decoded.state } : { ok: false, status: null, error: decoded.error };
    },
    get: (path) => request(path),
    eventsUrl: (id) => url(`${runPath(id)}/events`),
  };
}
