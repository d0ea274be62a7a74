// Node only: the operator's side of the coordinator that `npm start` and the end-to-end test need:
// list runs and create one (admin token).
import type { RunProgress, RunSummary } from '../../shared/protocol/index.ts';
import { fetchJson, type Fetched } from '../volunteer/http.ts';

export async function listRuns(url: string): Promise<Fetched<RunSummary[]>> {
  const listed = await fetchJson(fetch, `${url}/api/runs`, 'list runs');
  return listed.ok ? { ok: true, value: (listed.value as { runs: RunSummary[] }).runs } : listed;
}

/** body: { preset: name } or { config: {...} } (shared/protocol/run-request.ts). */
export async function createRun(url: string, adminToken: string, body: { preset: string } | { config: object }): Promise<Fetched<RunProgress>> {
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` }, body: JSON.stringify(body) };
  return (await fetchJson(fetch, `${url}/api/runs`, 'create run', init)) as Fetched<RunProgress>;
}
