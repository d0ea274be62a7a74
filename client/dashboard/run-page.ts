// One run, live: its progress now (GET), then every change from the event stream, re-rendered in
// place. The input shape and classes (for parameter and MAC counts) come from one state manifest.
import type { NetworkShape } from '../../shared/export/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { CoordinatorApi } from '../cli/coordinator-api.ts';
import { runCharts } from './chart-specs.ts';
import { runSeries } from './chart-series.ts';
import { modelFiles, reportBlob, saveBlob } from './downloads.ts';
import { watchProgress } from './live-progress.ts';
import { showConnection, showError } from './page-status.ts';
import { renderRun } from './render-run.ts';
import { runView } from './run-view.ts';

export async function showRun(api: CoordinatorApi, id: string): Promise<void> {
  const section = document.querySelector<HTMLElement>('#run')!;
  section.hidden = false;
  let latest: RunProgress | null = null;
  let shape: NetworkShape | null = null;
  let shapeAskedAt: number | null = null;

  const render = (): void => {
    if (latest) renderRun(document.body, runView(latest, shape), runCharts(runSeries(latest)));
  };
  const learnShape = async (progress: RunProgress): Promise<void> => {
    // Ask once per version: an older version's manifest may be gone (410) by the time we ask.
    if (shape || shapeAskedAt === progress.version) return;
    shapeAskedAt = progress.version;
    const manifest = await api.stateManifest(progress.id, progress.version);
    if (!manifest.ok) return;
    shape = { input: manifest.value.architecture.input, classes: manifest.value.architecture.classes };
    render();
  };
  const update = (progress: RunProgress): void => {
    latest = progress;
    document.title = `${progress.name} · AutoGrow Fleet`;
    render();
    void learnShape(progress);
  };

  const first = await api.runProgress(id);
  if (!first.ok) return showError(`Cannot load run ${id}: ${first.error}`);
  update(first.value);
  if (first.value.status !== 'done') watchProgress(api.eventsUrl(id), { onProgress: update, onConnection: showConnection });

  section.querySelector('#download-report')!.addEventListener('click', () => {
    if (latest) saveBlob(`${latest.name}-report.json`, reportBlob(latest, shape));
  });
  const buildButton = section.querySelector<HTMLButtonElement>('#build-model')!;
  buildButton.addEventListener('click', async () => {
    if (!latest) return;
    const links = section.querySelector<HTMLElement>('#model-files')!;
    buildButton.disabled = true;
    links.textContent = `building the model of version ${latest.version}…`;
    const built = await modelFiles(api, latest);
    buildButton.disabled = false;
    if (!built.ok) {
      links.textContent = '';
      return showError(`Cannot build the model: ${built.error}`);
    }
    links.replaceChildren(...built.files.map(({ name, blob }) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.textContent = `${name} (${(blob.size / 1024).toFixed(0)} KiB)`;
      return link;
    }));
  });
}
