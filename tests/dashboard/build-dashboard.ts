// Builds the dashboard page alone with Vite, as client/vite.config.ts lays it out (root client/,
// page at dashboard/index.html), so the test serves exactly what the Worker would.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export async function buildDashboard(): Promise<string> {
  const root = resolve(import.meta.dirname, '../../client');
  const outDir = mkdtempSync(join(tmpdir(), 'autogrow-dashboard-'));
  await build({
    configFile: false,
    root,
    base: '/',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', rolldownOptions: { input: resolve(root, 'dashboard/index.html') } },
  });
  return outDir;
}
