// The real coordinator under `wrangler dev`, offline, on free ports, with its own storage folder and
// the freshly built dashboard as its static assets (client/cli/coordinator-process.ts serves
// dist/client instead); ports and stopping come from there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, stopGroup } from '../../client/cli/coordinator-process.ts';

export interface WranglerDev {
  url: string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;

export async function startWranglerDev(assetsDir: string): Promise<WranglerDev> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const persist = mkdtempSync(join(tmpdir(), 'autogrow-wrangler-'));
  const child = spawn(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--assets', assetsDir,
      '--persist-to', persist, '--var', 'ADMIN_TOKEN:dev-admin-token', '--var', 'LEASE_SECRET:dev-lease-secret',
      '--show-interactive-dev-session=false', '--log-level', 'warn'],
    // Its own process group, so stopGroup ends wrangler's workerd too.
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' } },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopGroup(child, exited);
    rmSync(persist, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await fetch(`${url}/api/runs`).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((done) => setTimeout(done, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
}
