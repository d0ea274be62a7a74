// Requests to the coordinator as values: a refusal (4xx with a JSON {error}), a network failure or
// an answer of the wrong shape comes back in words, with whether asking again later can help.
import type { z } from 'zod';
import type { Result } from '../../shared/result/index.ts';
import { issuesMessage } from '../../shared/result/index.ts';

export type Fetched<T> = Result<T, { status: number | null; retry: boolean }>;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** 408 and 429 are "not now", like 5xx; other 4xx are a no that asking again will not change. */
const retryable = (status: number): boolean => status >= 500 || status === 408 || status === 429;

export async function fetchResponse(fetchFn: FetchLike, url: string, what: string, init: RequestInit = {}): Promise<Fetched<Response>> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    if (init.signal?.aborted) return { ok: false, error: `${what}: stopped`, status: null, retry: false };
    return { ok: false, error: `${what}: cannot reach the coordinator at ${originOf(url)} (${describe(error)})`, status: null, retry: true };
  }
  if (response.ok) return { ok: true, value: response };
  const reason = await refusalReason(response);
  return { ok: false, error: `${what}: ${response.status} ${reason}`, status: response.status, retry: retryable(response.status) };
}

/** The answer, checked with its protocol schema: a wrong proxy or an old coordinator is named as such. */
export async function fetchJson<S extends z.ZodType>(fetchFn: FetchLike, url: string, what: string, schema: S, init: RequestInit = {}): Promise<Fetched<z.output<S>>> {
  const response = await fetchResponse(fetchFn, url, what, init);
  if (!response.ok) return response;
  let body: unknown;
  try {
    body = await response.value.json();
  } catch (error) {
    return { ok: false, error: `${what}: the answer is not JSON (${describe(error)})`, status: response.value.status, retry: true };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `${what}: the coordinator's answer is not what this client understands (${issuesMessage(parsed.error, '(answer)')})`, status: response.value.status, retry: false };
}

export async function fetchBytes(fetchFn: FetchLike, url: string, what: string, init: RequestInit = {}): Promise<Fetched<Uint8Array>> {
  const response = await fetchResponse(fetchFn, url, what, init);
  if (!response.ok) return response;
  try {
    return { ok: true, value: new Uint8Array(await response.value.arrayBuffer()) };
  } catch (error) {
    return { ok: false, error: `${what}: the download broke off (${describe(error)})`, status: response.value.status, retry: true };
  }
}

/** The coordinator answers refusals as {"error": "..."}; anything else is shown as its status text. */
async function refusalReason(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: a proxy or a crashed worker answered; its text says more than nothing.
  }
  return text.slice(0, 200) || response.statusText || 'no reason given';
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
