import { describe, expect, it } from 'vitest';
import type { StateManifestResponse } from '../../shared/protocol/index.ts';
import { sha256Hex } from '../../shared/state/index.ts';
import { api, createRun } from './fleet.ts';

describe('model state routes', () => {
  it('serves the manifest of a version with shard URLs, and immutable content-addressed shards', async () => {
    const run = await createRun();
    const response = await api(`/api/runs/${run.id}/state/0`);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const manifest = await response.json<StateManifestResponse>();
    expect(manifest).toMatchObject({ runId: run.id, version: 0, architecture: { family: 'Basic3ResNet', depths: [1, 1, 1] } });
    const [shard] = manifest.shards;
    expect(shard!.url).toBe(`/api/shards/${shard!.hash}?run=${run.id}`);

    const bytes = await api(shard!.url);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('ETag')).toBe(`"${shard!.hash}"`);
    expect(bytes.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(sha256Hex(new Uint8Array(await bytes.arrayBuffer()))).toBe(shard!.hash);

    const revalidated = await api(shard!.url, { headers: { 'If-None-Match': `"${shard!.hash}"` } });
    expect(revalidated.status).toBe(304);
  });

  it('answers from the edge cache once a shard has been served, without naming the run', async () => {
    const run = await createRun();
    const manifest = await (await api(`/api/runs/${run.id}/state/0`)).json<StateManifestResponse>();
    const hash = manifest.shards[0]!.hash;
    const uncached = `/api/shards/${'f'.repeat(64)}`;
    expect((await api(uncached)).status).toBe(404);
    await (await api(manifest.shards[0]!.url)).arrayBuffer();
    // The cache put runs after the first response; poll briefly for it.
    let cached = await api(`/api/shards/${hash}`);
    for (let i = 0; i < 20 && cached.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      cached = await api(`/api/shards/${hash}`);
    }
    expect(cached.status).toBe(200);
    expect(sha256Hex(new Uint8Array(await cached.arrayBuffer()))).toBe(hash);
  });

  it('refuses versions that do not exist yet and malformed ones', async () => {
    const run = await createRun();
    const future = await api(`/api/runs/${run.id}/state/5`);
    expect(future.status).toBe(404);
    expect(await future.json()).toEqual({ error: 'version 5 does not exist yet; the run is at version 0' });
    expect((await api(`/api/runs/${run.id}/state/-1`)).status).toBe(400);
  });
});
