// A volunteer key is free to make (finding: 1,000 new ids grew the progress JSON from 1.3 KB to
// 165 KB, never pruned). New ids per client address are rate-limited, the run keeps a bounded
// number of volunteer records, and the progress view lists a bounded number of them.
import { describe, expect, it } from 'vitest';
import { MAX_VOLUNTEER_RECORDS } from '../../shared/run/volunteers.ts';
import { LISTED_VOLUNTEERS } from '../../shared/run/progress.ts';
import { ADMIN, api, createRun, keyOf, postJson, progress, tinyConfig } from './fleet.ts';

/** A paused run answers every lease at once (a running one holds a volunteer it has no work for). */
async function pausedRun(): Promise<string> {
  const run = await createRun({ config: tinyConfig() });
  expect((await api(`/api/runs/${run.id}/pause`, { method: 'POST', headers: ADMIN })).status).toBe(200);
  return run.id;
}

const leaseFrom = (runId: string, name: string, address: string) =>
  postJson(`/api/runs/${runId}/lease`, { volunteerKey: keyOf(name), backend: 'wasm' }, { 'CF-Connecting-IP': address });

describe('volunteer records', () => {
  it('refuses a new volunteer past the hourly limit of its address with 429, changing nothing, while known volunteers and other addresses go on', async () => {
    const run = { id: await pausedRun() };
    for (let i = 0; i < 120; i++) expect((await leaseFrom(run.id, `nat-${i}`, '198.51.100.7')).status).toBe(200);
    const before = await progress(run.id);

    const refused = await leaseFrom(run.id, 'nat-120', '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/^address 198\.51\.100\.7 brought 120 new volunteers to this run within the last hour; .* may join in \d+ s$/) });
    const after = await progress(run.id);
    expect(after.activeVolunteers).toBe(before.activeVolunteers);

    expect((await leaseFrom(run.id, 'nat-3', '198.51.100.7')).status).toBe(200);
    expect((await leaseFrom(run.id, 'elsewhere', '203.0.113.9')).status).toBe(200);
    expect((await progress(run.id)).activeVolunteers).toBe(121);
  });

  it('keeps at most MAX_VOLUNTEER_RECORDS records and lists LISTED_VOLUNTEERS of them, however many ids arrive', async () => {
    const run = { id: await pausedRun() };
    const small = JSON.stringify(await (await api(`/api/runs/${run.id}`)).json()).length;
    const arrivals = MAX_VOLUNTEER_RECORDS + 100;
    for (let i = 0; i < arrivals; i++) expect((await leaseFrom(run.id, `script-${i}`, `10.0.${i >> 8}.${i & 255}`)).status).toBe(200);
    const seen = await progress(run.id);
    expect(seen.activeVolunteers).toBe(MAX_VOLUNTEER_RECORDS);
    expect(seen.volunteers).toHaveLength(LISTED_VOLUNTEERS);
    // The most recent arrival is listed first; the first arrivals were forgotten.
    expect(seen.volunteers[0]!.backend).toBe('wasm');
    expect(JSON.stringify(seen).length).toBeLessThan(small + LISTED_VOLUNTEERS * 200);
  });
});
