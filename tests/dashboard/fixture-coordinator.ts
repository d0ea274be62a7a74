// A stand-in coordinator for the dashboard's browser test: serves the built dashboard and answers
// the read routes from the recorded fixtures. The test moves the run along with advanceTo(), which
// pushes each snapshot down every open event stream, as the real coordinator does on a change.
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { ArchitectureSpec } from '../../shared/architecture/index.ts';
import { initialModelState } from '../../shared/init/index.ts';
import type { RunProgress, RunSummary } from '../../shared/protocol/index.ts';
import { encodeModelState } from '../../shared/state/index.ts';
import runs from './fixtures/runs.json' with { type: 'json' };
import recorded from './fixtures/run-snapshots.json' with { type: 'json' };

export const snapshots = recorded as RunProgress[];
export const RUN_ID = snapshots[0]!.id;
/** The recorded run is CIFAR-10: what a state manifest tells about its input and classes. */
export const RUN_SHAPE = { input: { height: 32, width: 32, channels: 3 }, classes: 10 };

export interface FixtureCoordinator {
  url: string;
  /** Makes snapshot `index` the run's progress and sends it on every open event stream. */
  advanceTo(index: number): void;
  /** Holds GET /api/runs/:id until the returned function is called: the page before any data. */
  holdProgress(): () => void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFixtureCoordinator(staticDir: string, startAt: number): Promise<FixtureCoordinator> {
  let current = snapshots[startAt]!;
  let gate: Promise<void> = Promise.resolve();
  const streams = new Set<ServerResponse>();
  const states = new Map<string, ReturnType<typeof encodeModelState>>();

  const stateOf = (version: number) => {
    const snapshot = snapshots.find((s) => s.version === version);
    if (!snapshot) return null;
    const spec: ArchitectureSpec = { family: 'Basic3ResNet', depths: snapshot.architecture.depths, widths: snapshot.architecture.widths, ...RUN_SHAPE };
    const key = String(version);
    if (!states.has(key)) states.set(key, encodeModelState(initialModelState(spec, 1)));
    return states.get(key)!;
  };

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://fixture').pathname;
    const run = /^\/api\/runs\/([^/]+)(\/.*)?$/.exec(path);
    if (path === '/api/runs') return json(response, 200, { runs: runs as RunSummary[] });
    if (run && run[1] !== RUN_ID) return json(response, 404, { error: `no run ${run[1]}` });
    if (run && !run[2]) {
      await gate;
      return json(response, 200, current);
    }
    if (run && run[2] === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      response.write(`data: ${JSON.stringify(current)}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const manifest = run && /^\/state\/(\d+)$/.exec(run[2] ?? '');
    if (manifest) {
      const state = stateOf(Number(manifest[1]));
      if (!state) return json(response, 410, { error: `version ${manifest[1]} is gone` });
      const shards = state.manifest.shards.map((s) => ({ ...s, url: `/api/shards/${s.hash}?run=${RUN_ID}` }));
      return json(response, 200, { ...state.manifest, runId: RUN_ID, version: Number(manifest[1]), shards });
    }
    const shard = /^\/api\/shards\/([0-9a-f]{64})$/.exec(path);
    if (shard) {
      for (const state of states.values()) {
        const index = state.manifest.shards.findIndex((s) => s.hash === shard[1]);
        if (index >= 0) return response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(state.shards[index]);
      }
      return json(response, 404, { error: `no shard ${shard[1]}` });
    }
    if (path.startsWith('/api/')) return json(response, 404, { error: `no route for ${request.method} ${path}` });
    const file = normalize(join(staticDir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(staticDir)) return json(response, 403, { error: 'outside the build' });
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
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
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
