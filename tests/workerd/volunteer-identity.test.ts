// A volunteer is its secret key: the label the public views show cannot lease, release or report
// in its name (finding: a lease request with another volunteer's id returned its task and token).
import { describe, expect, it } from 'vitest';
import { encodeReport } from '../../shared/protocol/index.ts';
import { createRun, deltaPayload, fetchState, keyOf, labelOf, lease, leaseTask, postJson, postReport, progress, randomDelta, reportHeader, tinyConfig } from './fleet.ts';

describe('volunteer identity', () => {
  it('gives another volunteer neither the lease, nor its release, nor its report, knowing only its public label', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 2 } }) });
    const task = await leaseTask(run.id, 'alice');
    const seen = await progress(run.id);
    expect(seen.volunteers.map((v) => v.id)).toEqual([labelOf('alice')]);
    expect(JSON.stringify(seen)).not.toContain(keyOf('alice'));

    const asLabel = await postJson(`/api/runs/${run.id}/lease`, { volunteerKey: labelOf('alice'), backend: 'wasm' });
    expect(asLabel.status).toBe(400);
    const mallorys = await lease(run.id, 'mallory');
    expect(mallorys.kind === 'train' && mallorys.leaseToken).not.toBe(task.leaseToken);

    const release = await postJson(`/api/runs/${run.id}/release`, { leaseToken: task.leaseToken, volunteerKey: keyOf('mallory') });
    expect(release.status).toBe(403);
    expect(await release.json()).toEqual({ error: expect.stringContaining('held by another volunteer') });
    const delta = randomDelta(await fetchState(run.id, task.version), 3, 10);
    const stolen = await postReport(run.id, encodeReport(reportHeader(task, { volunteerKey: keyOf('mallory') }), deltaPayload(delta)));
    expect(stolen.status).toBe(403);
    expect((await progress(run.id)).tasksInFlight).toBe(2);

    const own = await postReport(run.id, encodeReport(reportHeader(task), deltaPayload(randomDelta(await fetchState(run.id, task.version), 4))));
    expect(own.status).toBe(200);
  });
});
