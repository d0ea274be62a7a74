// `npm run bench:run-ids`: what refusing unknown run ids costs per request, against a local
// `wrangler dev`: a malformed id (refused by its pattern alone), a well-formed unknown id (one
// registry lookup), and a known id (remembered by the isolate after its first request).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ADMIN_TOKEN, freePort, startCoordinator } from '../cli/coordinator-process.ts';

const REQUESTS = 300;

/** Median and p95 milliseconds of `REQUESTS` sequential GETs, each checked for its status. */
async function time(url: (i: number) => string, status: number): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url(i));
    await response.arrayBuffer();
    ms.push(performance.now() - started);
    if (response.status !== status) throw new Error(`${url(i)}: expected ${status}, got ${response.status}`);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

const persistTo = await mkdtemp(join(tmpdir(), 'autogrow-run-ids-'));
// No pages are needed: an empty folder stands in for the client build.
const assets = await mkdtemp(join(tmpdir(), 'autogrow-run-ids-assets-'));
const started = await startCoordinator({ port: await freePort(), persistTo, assets });
if (!started.ok) throw new Error(started.error);
const { url, stop } = started.value;
try {
  const created = await fetch(`${url}/api/runs`, { method: 'POST', body: JSON.stringify({ preset: 'tiny' }), headers: { authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'content-type': 'application/json' } });
  if (!created.ok) throw new Error(`create run: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const unknown = (i: number) => i.toString(16).padStart(32, 'e');
  // Warm the isolate and the registry first: the first requests pay for module and object start.
  await time((i) => `${url}/api/runs/${unknown(i)}`, 404);
  const rows: [string, { p50: number; p95: number }][] = [
    ['malformed id (pattern only)', await time((i) => `${url}/api/runs/not-a-run-${i}`, 404)],
    ['well-formed unknown id (registry lookup)', await time((i) => `${url}/api/runs/${unknown(REQUESTS + i)}`, 404)],
    ['known id, GET config (remembered, then its run object)', await time(() => `${url}/api/runs/${id}/config`, 200)],
  ];
  console.log(`GET round trips against wrangler dev on ${url}, ${REQUESTS} sequential requests each:`);
  for (const [name, { p50, p95 }] of rows) console.log(`  ${name.padEnd(56)} p50 ${p50.toFixed(2).padStart(6)} ms, p95 ${p95.toFixed(2).padStart(6)} ms`);
} finally {
  await stop();
  await rm(persistTo, { recursive: true, force: true });
  await rm(assets, { recursive: true, force: true });
}
