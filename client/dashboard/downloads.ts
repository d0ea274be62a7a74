// The run page's downloads: the run report, built here from the latest progress and the run's
// config, and the model's TensorFlow.js LayersModel files as the coordinator's model route serves them.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { runReport } from '../../shared/export/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { Fetched, CoordinatorClient } from '../coordinator/index.ts';
import { fetchModelFiles } from '../cli/model-files.ts';

export function saveBlob(name: string, blob: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  // The click has started the download; the URL is not needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export function reportBlob(progress: RunProgress, config: RunConfig): Blob {
  return new Blob([`${JSON.stringify(runReport(progress, config), null, 2)}\n`], { type: 'application/json' });
}

export async function modelFiles(api: CoordinatorClient, progress: RunProgress): Promise<Fetched<{ name: string; blob: Blob }[]>> {
  const files = await fetchModelFiles(api, progress.id, progress.version);
  if (!files.ok) return files;
  return {
    ok: true,
    value: files.value.map(({ name, bytes }) => ({
      name,
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' }),
    })),
  };
}
