// The run page's downloads, built in the browser: the run report from the latest progress, and
// the model as TensorFlow.js LayersModel files from the current version's state shards.
import { exportLayersModel, runReport, type NetworkShape } from '../../shared/export/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { CoordinatorApi } from '../cli/coordinator-api.ts';

export type ModelFiles = { ok: true; files: { name: string; blob: Blob }[] } | { ok: false; error: string };

export function saveBlob(name: string, blob: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  // The click has started the download; the URL is not needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export function reportBlob(progress: RunProgress, shape: NetworkShape | null): Blob {
  const report = runReport(progress, shape ? { shape } : {});
  return new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
}

export async function modelFiles(api: CoordinatorApi, progress: RunProgress): Promise<ModelFiles> {
  const state = await api.modelState(progress.id, progress.version);
  if (!state.ok) return { ok: false, error: state.error };
  const exported = exportLayersModel(state.value, { metadata: { run: progress.id, version: progress.version } });
  if (!exported.ok) return exported;
  const { modelJson, weightData } = exported.model;
  return {
    ok: true,
    files: [
      { name: 'model.json', blob: new Blob([JSON.stringify(modelJson)], { type: 'application/json' }) },
      { name: modelJson.weightsManifest[0]!.paths[0]!, blob: new Blob([weightData as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }) },
    ],
  };
}
