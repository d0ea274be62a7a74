// A group's runs on a coordinator: every listed run whose config carries the group, with its
// progress and config. The run list does not carry the group, so each config is read; a run
// that is gone by then (404) is left out.
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { CoordinatorClient, Fetched } from '../coordinator/index.ts';

export interface GroupRun {
  id: string;
  config: RunConfig;
  progress: RunProgress;
}

export async function groupRuns(client: CoordinatorClient, group: string): Promise<Fetched<GroupRun[]>> {
  const listed = await client.listRuns();
  if (!listed.ok) return listed;
  const runs: GroupRun[] = [];
  for (const summary of listed.value) {
    const config = await client.runConfig(summary.id);
    if (!config.ok && config.status === 404) continue;
    if (!config.ok) return config;
    if (config.value.group !== group) continue;
    const progress = await client.runProgress(summary.id);
    if (!progress.ok) return progress;
    runs.push({ id: summary.id, config: config.value, progress: progress.value });
  }
  return { ok: true, value: runs };
}
