// A run whose training breaks down heals itself: reports that training diverged roll it back to
// the start of its epoch with halved learning rates, and the rollback survives a restart.
import { env } from 'cloudflare:workers';
import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encodeReport } from '../../shared/protocol/index.ts';
import { createRun, finishRound, leaseTask, postReport, progress, reportHeader, tinyConfig } from './fleet.ts';

describe('self-healing', () => {
  it('rolls back once two volunteers report diverged training on a task, halves the learning rate, and keeps that across a restart', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 1 } }) });
    await finishRound(run.id);
    const task = await leaseTask(run.id, 'alice');
    expect(task.kind === 'train' && task.hyper.learningRate).toBe(0.1);
    const diverged = await postReport(run.id, encodeReport(reportHeader(task, { diverged: true, encoding: undefined })));
    expect(diverged.status).toBe(200);
    // One volunteer's word is not enough while another is at work: the task goes out again.
    expect((await progress(run.id)).events).toEqual([]);
    const again = await leaseTask(run.id, 'bob');
    expect(again.taskId).toBe(task.taskId);
    expect((await postReport(run.id, encodeReport(reportHeader(again, { diverged: true, encoding: undefined })))).status).toBe(200);
    const rolled = await progress(run.id);
    expect(rolled.events).toEqual([expect.objectContaining({ type: 'rollback', epoch: 0, learningRateScale: 0.5, reason: `training diverged on task ${task.taskId} for 2 volunteers` })]);
    expect(rolled.version).toBe(2);
    expect(rolled.epochProgress).toEqual({ done: 0, total: 3 });

    await evictDurableObject(env.RUNS.getByName(run.id));
    expect((await progress(run.id)).events).toEqual(rolled.events);
    const next = await leaseTask(run.id, 'alice');
    expect(next).toMatchObject({ kind: 'train', version: 2, epoch: 0, round: 0 });
    expect(next.kind === 'train' && next.hyper.learningRate).toBe(0.05);
  });

  it('refuses a diverged report that carries a delta (400)', async () => {
    const run = await createRun({ config: tinyConfig({ fleet: { roundSize: 1 } }) });
    const task = await leaseTask(run.id, 'alice');
    const response = await postReport(run.id, encodeReport(reportHeader(task, { diverged: true }), new Uint8Array(8)));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('a diverged report carries no delta') });
  });
});
