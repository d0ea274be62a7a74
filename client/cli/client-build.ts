// Node only: builds the browser side (vite, client/vite.config.ts) into dist/client, or tells
// that the build there is newer than every source file it is made from.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Result } from '../../shared/result/index.ts';
import { REPO_ROOT } from './coordinator-process.ts';

const BUILT_PAGE = resolve(REPO_ROOT, 'dist/client/index.html');
const SOURCES = ['client', 'shared', 'package-lock.json'].map((path) => resolve(REPO_ROOT, path));

export function clientBuildIsCurrent(): boolean {
  if (!existsSync(BUILT_PAGE)) return false;
  const built = statSync(BUILT_PAGE).mtimeMs;
  return SOURCES.every((path) => newestChange(path) < built);
}

export function buildClient(onLine: (line: string) => void): Promise<Result<null>> {
  const vite = resolve(REPO_ROOT, 'node_modules/.bin/vite');
  const child = spawn(vite, ['build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output.push(chunk);
      for (const line of chunk.split('\n').filter(Boolean)) onLine(line);
    });
  }
  return new Promise((done) => {
    child.once('error', (error) => done({ ok: false, error: `cannot run vite: ${error.message}` }));
    child.once('exit', (code) => done(code === 0 ? { ok: true, value: null } : { ok: false, error: `vite build failed (exit ${code}):\n${output.join('').slice(-4000)}` }));
  });
}

/** Latest modification time under a path; tests and node_modules do not go into the build. */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}
