// Which run to work for: the one asked for, else the newest run that is still running.
import type { CoordinatorClient } from '../coordinator/index.ts';
import type { Fetched } from '../coordinator/index.ts';

export async function pickRun(client: CoordinatorClient, requested: string | null, signal?: AbortSignal): Promise<Fetched<string>> {
  if (requested) return { ok: true, value: requested };
  const listed = await client.listRuns(signal);
  if (!listed.ok) return listed;
  // GET /api/runs lists newest first.
  const running = listed.value.find((run) => run.status === 'running');
  if (running) return { ok: true, value: running.id };
  const error = listed.value.length === 0 ? 'the coordinator has no runs yet' : `none of the coordinator's ${listed.value.length} runs is running`;
  // A run may be created or resumed any moment: asking again later can help.
  return { ok: false, error, status: null, retry: true };
}
