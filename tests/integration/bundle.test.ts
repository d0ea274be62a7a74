// The coordinator bundles with wrangler's own build (as `wrangler deploy` would) and carries no tfjs.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let scratch = '';

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('worker bundle', () => {
  it('builds with wrangler deploy --dry-run and holds no @tensorflow code', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'autogrow-bundle-'));
    const outdir = join(scratch, 'out');
    // An empty assets folder stands in for dist/client, which only `npm run build` makes.
    const assets = join(scratch, 'assets');
    await run('mkdir', ['-p', assets]);
    const { stdout } = await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, '--assets', assets], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: '1' },
    });
    expect(stdout).toContain('--dry-run: exiting now.');
    expect(stdout).toContain('env.RUNS (RunObject)');
    const files = (await readdir(outdir)).filter((file) => file.endsWith('.js'));
    expect(files).toEqual(['index.js']);
    const bundle = await readFile(join(outdir, 'index.js'), 'utf8');
    expect(bundle).toMatch(/export {[^}]*\bRunObject\b/);
    expect(bundle).not.toContain('@tensorflow');
    // No tfjs module by path. The model route's model.json says "tfjs-layers 4.22.0" as its
    // keras_version: a string the format asks for, not tfjs code.
    expect(bundle).not.toMatch(/tfjs-[a-z-]+\//i);
    expect(bundle.match(/tfjs/gi)).toHaveLength(1);
  });
});
