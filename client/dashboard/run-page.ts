// One run, live: its progress now (GET), then every change from the event stream, re-rendered in
// place. The run's config is read once, for its budget and the report.
import type { BudgetConfig } from '../../shared/config/budget.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { Fetched, CoordinatorClient } from '../coordinator/index.ts';
import { runCharts } from './chart-specs.ts';
import { runSeries } from './chart-series.ts';
import { modelFiles, reportBlob, saveBlob } from './downloads.ts';
import { watchProgress } from './live-progress.ts';
import { showConnection, showError } from './page-status.ts';
import { mountRunCharts } from './run-charts.ts';
import { renderRun } from './render-run.ts';
import { runView } from './run-view.ts';

export async function showRun(api: CoordinatorClient, id: string): Promise<void> {
  const section = document.querySelector<HTMLElement>('#run')!;
  section.hidden = false;
  const charts = mountRunCharts(section);
  let latest: RunProgress | null = null;
  // A run's config never changes: one answer serves the budget and every later report.
  let config: Promise<Fetched<RunConfig>> | null = api.runConfig(id);
  let budget: BudgetConfig | null = null;

  const update = (progress: RunProgress): void => {
    latest = progress;
    document.title = `${progress.name} · AutoGrow Fleet`;
    renderRun(document.body, runView(progress, budget));
    charts.update(runCharts(runSeries(progress), budget));
  };

  const first = await api.runProgress(id);
  if (!first.ok) return showError(`Cannot load run ${id}: ${first.error}`);
  update(first.value);
  void config.then((answer) => {
    if (!answer.ok) return showError(`Cannot read the run's budget: ${answer.error}`);
    budget = answer.value.budget;
    if (latest) update(latest);
  });
  if (first.value.status !== 'done') watchProgress(api.eventsUrl(id), { onProgress: update, onConnection: showConnection });

  section.querySelector('#download-report')!.addEventListener('click', async () => {
    if (!latest) return;
    config ??= api.runConfig(id);
    const answer = await config;
    if (!answer.ok) {
      config = null;
      return showError(`Cannot build the report: ${answer.error}`);
    }
    saveBlob(`${latest.name}-report.json`, reportBlob(latest, answer.value));
  });
  const modelButton = section.querySelector<HTMLButtonElement>('#build-model')!;
  modelButton.addEventListener('click', async () => {
    if (!latest) return;
    const links = section.querySelector<HTMLElement>('#model-files')!;
    modelButton.disabled = true;
    links.textContent = `exporting the model of version ${latest.version}…`;
    const files = await modelFiles(api, latest);
    modelButton.disabled = false;
    if (!files.ok) {
      links.textContent = '';
      return showError(`Cannot download the model: ${files.error}`);
    }
    links.replaceChildren(...files.value.map(({ name, blob }) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.textContent = `${name} (${(blob.size / 1024).toFixed(0)} KiB)`;
      return link;
    }));
  });
}

