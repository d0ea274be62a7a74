// A stand-in coordinator for the dashboard's browser test: serves the built dashboard and answers
// the read routes from the recorded fixtures. The test moves the demo run along with advanceTo(),
// which pushes each snapshot down every open event stream, as the real coordinator does on a
// change; the budget run stays at its final snapshot. setRunList() changes what GET /api/runs
// lists, as the fleet moves between refreshes of the home page.
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { ArchitectureSpec } from '../../shared/architecture/index.ts';
import type { BudgetConfig } from '../../shared/config/budget.ts';
import { exportLayersModel, type LayersModelExport } from '../../shared/export/index.ts';
import { initialModelState } from '../../shared/init/index.ts';
import type { RunProgress, RunSummary } from '../../shared/protocol/index.ts';
import budgetRun from './fixtures/budget-run.json' with { type: 'json' };
import groupRuns from './fixtures/group-runs.json' with { type: 'json' };
import runConfig from './fixtures/run-config.json' with { type: 'json' };
import runs from './fixtures/runs.json' with { type: 'json' };
import recorded from './fixtures/run-snapshots.json' with { type: 'json' };

export const snapshots = recorded as RunProgress[];
export const RUN_ID = snapshots[0]!.id;
/** The same run under a 300 k parameter budget, done: its config and final progress. */
export const BUDGET_RUN = budgetRun as { config: typeof budgetRun.config; progress: RunProgress };
/** A study's group, "fixture-study": K=1 and K=2 over seeds, one run still going. */
export const GROUP_RUNS = groupRuns as { config: (typeof groupRuns)[number]['config']; progress: RunProgress }[];
/** The recorded run is CIFAR-10: its input and classes, as the tests expect them, not as progress says. */
export const RUN_SHAPE = { input: { height: 32, width: 32, channels: 3 }, classes: 10 };

export interface FixtureCoordinator {
  url: string;
  /** Makes snapshot `index` the run's progress and sends it on every open event stream. */
  advanceTo(index: number): void;
  /** Holds GET /api/runs/:id until the returned function is called: the page before any data. */
  holdProgress(): () => void;
  /** What GET /api/runs answers from now on; null: the recorded list again. */
  setRunList(listed: RunSummary[] | null): void;
  close(): Promise<void>;
}

/** A run the stand-in serves: its progress now, its config, and the snapshots whose models it can export. */
interface FixtureRun {
  progress: () => RunProgress;
  config: { budget: unknown };
  snapshots: RunProgress[];
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFixtureCoordinator(staticDir: string, startAt: number): Promise<FixtureCoordinator> {
  let current = snapshots[startAt]!;
  let gate: Promise<void> = Promise.resolve();
  let runList: RunSummary[] | null = null;
  const streams = new Set<ServerResponse>();

  const fixtures = new Map<string, FixtureRun>([
    [RUN_ID, { progress: () => current, config: runConfig, snapshots }],
    [BUDGET_RUN.progress.id, { progress: () => BUDGET_RUN.progress, config: BUDGET_RUN.config, snapshots: [BUDGET_RUN.progress] }],
    ...GROUP_RUNS.map((run): [string, FixtureRun] => [run.progress.id, { progress: () => run.progress, config: run.config, snapshots: [run.progress] }]),
  ]);
  const models = new Map<string, LayersModelExport>();

  /** The model of a recorded version: fresh initial weights of its architecture, as the model route would export them. */
  const modelOf = (runId: string, version: number): LayersModelExport | null => {
    const { snapshots: recorded, config } = fixtures.get(runId)!;
    const snapshot = recorded.find((s) => s.version === version);
    if (!snapshot) return null;
    const key = `${runId}/${version}`;
    if (!models.has(key)) {
      const spec: ArchitectureSpec = { family: 'Basic3ResNet', depths: snapshot.architecture.depths, widths: snapshot.architecture.widths, ...RUN_SHAPE };
      const budget = config.budget as BudgetConfig;
      const exported = exportLayersModel(initialModelState(spec, 1), { dataset: snapshot.dataset, budget, metadata: { run: runId, version } });
      if (!exported.ok) throw new Error(exported.error);
      models.set(key, exported.value);
    }
    return models.get(key)!;
  };

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://fixture').pathname;
    const run = /^\/api\/runs\/([^/]+)(\/.*)?$/.exec(path);
    if (path === '/api/runs') return json(response, 200, { runs: runList ?? (runs as RunSummary[]) });
    const fixture = run ? fixtures.get(run[1]!) : undefined;
    if (run && !fixture) return json(response, 404, { error: `no run ${run[1]}` });
    if (run && !run[2]) {
      await gate;
      return json(response, 200, fixture!.progress());
    }
    if (run && run[2] === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      response.write(`data: ${JSON.stringify(fixture!.progress())}\n\n`);
      if (run[1] === RUN_ID) streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (run && run[2] === '/config') return json(response, 200, fixture!.config);
    const file = run && /^\/model\/(\d+)\/(model\.json|weights\.bin)$/.exec(run[2] ?? '');
    if (file) {
      const model = modelOf(run[1]!, Number(file[1]));
      if (!model) return json(response, 410, { error: `version ${file[1]} is gone` });
      if (file[2] === 'model.json') return json(response, 200, model.modelJson);
      return response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(model.weightData);
    }
    if (path.startsWith('/api/')) return json(response, 404, { error: `no route for ${request.method} ${path}` });
    const asset = normalize(join(staticDir, path.endsWith('/') ? `${path}index.html` : path));
    if (!asset.startsWith(staticDir)) return json(response, 403, { error: 'outside the build' });
    try {
      const body = await readFile(asset);
      response.writeHead(200, { 'Content-Type': TYPES[extname(asset)] ?? 'application/octet-stream' }).end(body);
    } catch {
      json(response, 404, { error: `no file ${path}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    advanceTo(index) {
      current = snapshots[index]!;
      for (const stream of streams) stream.write(`data: ${JSON.stringify(current)}\n\n`);
    },
    holdProgress() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    setRunList(listed) {
      runList = listed;
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
