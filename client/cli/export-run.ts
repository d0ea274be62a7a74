// The files `npm run export` writes for a run: model.json and its weights file, as the
// coordinator's model route serves them, and report.json from the run's progress and config.
import { runReport } from '../../shared/export/index.ts';
import type { Result } from '../../shared/result/index.ts';
import type { CoordinatorClient } from '../coordinator/index.ts';
import { fetchModelFiles, type FileBytes } from './model-files.ts';

export type RunExport = Result<{ files: FileBytes[]; version: number }>;

export async function exportRun(api: CoordinatorClient, id: string, requestedVersion?: number): Promise<RunExport> {
  const progress = await api.runProgress(id);
  if (!progress.ok) return progress;
  const config = await api.runConfig(id);
  if (!config.ok) return config;
  const version = requestedVersion ?? progress.value.version;
  const model = await fetchModelFiles(api, id, version);
  if (!model.ok) return model;
  const report = new TextEncoder().encode(`${JSON.stringify(runReport(progress.value, config.value), null, 2)}\n`);
  return { ok: true, value: { files: [...model.value, { name: 'report.json', bytes: report }], version } };
}
