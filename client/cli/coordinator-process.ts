// Node only: the coordinator as a child process (`wrangler dev`), started with the dev secrets,
// waited on until it answers, and stopped with its whole process group (wrangler runs workerd).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '../../shared/result/index.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The fixed secrets of `wrangler dev` (worker/env.ts); a deployed coordinator has real ones. */
import { DEV_ADMIN_TOKEN } from '../coordinator/index.ts';

export { DEV_ADMIN_TOKEN };
export const DEV_LEASE_SECRET = 'dev-lease-secret';

export interface CoordinatorOptions {
  port: number;
  /** Where the Durable Objects keep their SQLite files between starts. */
  persistTo: string;
  /** Static assets to serve instead of wrangler.toml's dist/client (a test's own build). */
  assets?: string;
  /** Lifts wrangler.toml's NEW_VOLUNTEERS_PER_HOUR: a bench's simulated fleet all comes from loopback. */
  newVolunteersPerHour?: number;
  /** Hears every line wrangler prints. */
  onLine?: (line: string) => void;
}

export interface CoordinatorProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startCoordinator(options: CoordinatorOptions): Promise<Result<CoordinatorProcess>> {
  const url = `http://127.0.0.1:${options.port}`;
  const args = [
    'dev', '--ip', '127.0.0.1', '--port', String(options.port), '--inspector-port', String(await freePort()),
    '--persist-to', options.persistTo, '--show-interactive-dev-session=false',
    '--var', `ADMIN_TOKEN:${DEV_ADMIN_TOKEN}`, '--var', `LEASE_SECRET:${DEV_LEASE_SECRET}`,
    ...(options.assets ? ['--assets', options.assets] : []),
    ...(options.newVolunteersPerHour ? ['--var', `NEW_VOLUNTEERS_PER_HOUR:${options.newVolunteersPerHour}`] : []),
  ];
  const child = spawn(resolve(REPO_ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: REPO_ROOT,
    // Its own process group, so a terminal's Ctrl-C reaches only our parent, which stops the
    // volunteers first (they give their leases back) and then the coordinator.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  const output: string[] = [];
  forEachLine(child, (line) => {
    output.push(line);
    options.onLine?.(line);
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = () => stopGroup(child, exited);
  const ready = await waitUntilAnswers(`${url}/api/runs`, exited, 90_000);
  if (!ready.ok) {
    await stop();
    return { ok: false, error: `wrangler dev did not come up: ${ready.error}\n${output.slice(-20).join('\n')}` };
  }
  return { ok: true, value: { url, child, stop } };
}

/** Polls until the URL answers 200; fails when the process exits first or time runs out. */
async function waitUntilAnswers(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<Result<null>> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exitCode !== undefined) return { ok: false, error: `it exited with code ${exitCode}` };
    const answered = await fetch(url).then((response) => response.ok, () => false);
    if (answered) return { ok: true, value: null };
    await new Promise((done) => setTimeout(done, 250));
  }
  return { ok: false, error: `${url} did not answer within ${timeoutMs / 1000} s` };
}

/** SIGTERM to the group, SIGKILL if it lingers: wrangler leaves workerd behind otherwise. */
export async function stopGroup(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup('SIGKILL');
}

export function forEachLine(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('freePort: no port'))));
    });
  });
}
