import { describe, expect, it } from 'vitest';
import { coordinatorClient, type FetchLike } from '../coordinator/index.ts';
import type { TaskExecutor } from '../tasks/execute-task.ts';
import { json, refusal, RUN_ID, TestCoordinator, trainTask } from './test-coordinator.ts';
import { Volunteer, type VolunteerOptions } from './volunteer-loop.ts';
import type { VolunteerEvent, VolunteerStatus } from './volunteer-status.ts';

const fastBackoff = { firstMs: 10, maxMs: 40, floorMs: 5 };

const trains: TaskExecutor = async (task, inputs, _memory, onProgress) => {
  onProgress(inputs.shards[0]!.count, inputs.shards[0]!.count);
  return { measurement: { samples: 3, loss: 0.5, accuracy: 100, correct: 3, seconds: 0.5 }, payload: new Uint8Array([task.version]) };
};

function volunteer(coordinator: TestCoordinator, options: Partial<VolunteerOptions> = {}) {
  const events: { status: VolunteerStatus; event: VolunteerEvent }[] = [];
  const worker = new Volunteer({
    client: coordinatorClient('http://coordinator.test', { fetch: coordinator.fetch }),
    runId: RUN_ID, volunteerKey: 'node-test-volunteer-key-000000000', backend: 'cpu', execute: trains, backoff: fastBackoff,
    onUpdate: (status, event) => events.push({ status, event }), ...options,
  });
  return { worker, events, problems: () => events.flatMap(({ event }) => (event.type === 'problem' ? [event.message] : [])) };
}

describe('Volunteer', () => {
  it('leases, trains, reports, and ends when the run is done', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1'), { kind: 'wait', seconds: 0.01 }, trainTask('t2')];
    const { worker } = volunteer(coordinator);
    expect(await worker.run()).toEqual({ reason: 'finished' });
    expect(coordinator.reports.map((r) => [r.taskId, r.leaseToken, r.kind, r.samples, r.backend])).toEqual([
      ['t1', 'token-t1', 'train', 3, 'cpu'], ['t2', 'token-t2', 'train', 3, 'cpu'],
    ]);
    expect(coordinator.requests.find((r) => r.path.endsWith('/lease'))?.body).toEqual({ volunteerKey: 'node-test-volunteer-key-000000000', backend: 'cpu' });
    expect(worker.status).toMatchObject({ activity: 'finished', tasksDone: 2, samplesDone: 6, imagesPerSecond: 6, run: { phase: 'growing', architecture: 'Basic3ResNet-1-1-1' } });
    // A volunteer told its run never asks which run to work for.
    expect(coordinator.count('/api/assign')).toBe(0);
    expect(worker.status.assignment).toBeNull();
  });

  it('without a run, asks the coordinator before each lease, waits while no run has room, and follows a move with fresh momentum', async () => {
    const coordinator = new TestCoordinator();
    const other = 'fedcba9876543210fedcba9876543210';
    coordinator.assignments = [
      { runId: null, waitSeconds: 0.01 }, { runId: RUN_ID, reason: 'first' }, { runId: RUN_ID, reason: 'kept' }, { runId: other, reason: 'moved: run finished' },
    ];
    coordinator.leases = [trainTask('t1'), { kind: 'done', reason: 'finished' }, trainTask('t2')];
    const memories: unknown[] = [];
    const remembers: TaskExecutor = async (task, inputs, memory, onProgress) => {
      memories.push(memory);
      return trains(task, inputs, memory, onProgress);
    };
    const { worker, events } = volunteer(coordinator, { runId: null, execute: remembers, maxTasks: 2 });
    // The run that said done is no end: the volunteer goes where it is sent next.
    expect(await worker.run()).toEqual({ reason: 'max-tasks' });
    const volunteerKey = 'node-test-volunteer-key-000000000';
    expect(coordinator.requests.filter((r) => r.path === '/api/assign').map((r) => r.body)).toEqual([
      { volunteerKey, current: null }, { volunteerKey, current: null }, { volunteerKey, current: RUN_ID }, { volunteerKey, current: RUN_ID },
    ]);
    expect(coordinator.requests.filter((r) => r.path.endsWith('/lease')).map((r) => r.path)).toEqual([RUN_ID, RUN_ID, other].map((id) => `/api/runs/${id}/lease`));
    expect(events.filter(({ event }) => event.type === 'assigned').map(({ status }) => [status.runId, status.assignment])).toEqual([
      [null, 'no room'], [RUN_ID, 'first'], [other, 'moved: run finished'],
    ]);
    expect(memories).toHaveLength(2);
    expect(memories[1]).not.toBe(memories[0]);
    expect(worker.status).toMatchObject({ runId: other, assignment: 'moved: run finished', tasksDone: 2 });
  });

  it('tells of a lost coordinator in words and keeps asking, with waits in between', async () => {
    const coordinator = new TestCoordinator();
    const down = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    coordinator.leases = [down, down, refusal(503, 'restarting'), trainTask('t1')];
    const started = Date.now();
    const { worker, problems } = volunteer(coordinator);
    expect(await worker.run()).toEqual({ reason: 'finished' });
    expect(problems()[0]).toMatch(/^lease: cannot reach the coordinator at http:\/\/coordinator.test \(ECONNREFUSED\); trying again in/);
    expect(problems()[2]).toMatch(/^lease: 503 restarting; trying again in/);
    // Three failures, each followed by at least the floor wait.
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(coordinator.reports).toHaveLength(1);
  });

  it('stops with the reason when the coordinator refuses it for good', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [refusal(404, 'no such run')];
    const { worker } = volunteer(coordinator);
    expect(await worker.run()).toEqual({ reason: 'failed', error: 'lease: 404 no such run' });
    expect(worker.status).toMatchObject({ activity: 'failed', problem: 'lease: 404 no such run' });
  });

  it('counts no task whose report is refused, and goes on', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1'), trainTask('t2')];
    coordinator.reportAnswers = [refusal(410, 'lease expired')];
    const { worker, problems } = volunteer(coordinator);
    await worker.run();
    expect(problems()[0]).toMatch(/^report: 410 lease expired; trying again in/);
    expect(worker.status.tasksDone).toBe(1);
  });

  it('gives the lease back when stopped mid-task', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1'), trainTask('t2')];
    let volunteerRef: Volunteer | null = null;
    const slow: TaskExecutor = async (_task, _inputs, _memory, onProgress) => {
      onProgress(1, 3);
      void volunteerRef!.stop();
      await new Promise((resolve) => setTimeout(resolve, 5));
      onProgress(2, 3);
      throw new Error('unreachable: the progress callback throws once stopped');
    };
    const { worker, problems } = volunteer(coordinator, { execute: slow });
    volunteerRef = worker;
    expect(await worker.run()).toEqual({ reason: 'stopped' });
    expect(coordinator.requests.filter((r) => r.path.endsWith('/release')).map((r) => r.body)).toEqual([{ leaseToken: 'token-t1', volunteerKey: 'node-test-volunteer-key-000000000' }]);
    expect(coordinator.reports).toHaveLength(0);
    expect(problems()).toEqual([]);
    expect(worker.status).toMatchObject({ activity: 'stopped', lease: null, task: null });
  });

  it('gives back a lease the coordinator granted to a request stopped in flight', async () => {
    const coordinator = new TestCoordinator();
    // The stopped request's answer, then the answer to asking again: the task it now holds.
    coordinator.leases = [trainTask('t1'), trainTask('t1')];
    let worker: Volunteer | null = null;
    const stopDuringFirstLease: FetchLike = (input, init) => {
      if (input.endsWith('/lease') && coordinator.count('/lease') === 0) void worker!.stop();
      return coordinator.fetch(input, init);
    };
    worker = new Volunteer({
      client: coordinatorClient('http://coordinator.test', { fetch: stopDuringFirstLease }),
      runId: RUN_ID, volunteerKey: 'node-test-volunteer-key-000000000', backend: 'cpu', execute: trains, backoff: fastBackoff,
    });
    expect(await worker.run()).toEqual({ reason: 'stopped' });
    expect(coordinator.requests.filter((r) => r.path.endsWith('/lease')).map((r) => r.body)).toEqual([
      { volunteerKey: 'node-test-volunteer-key-000000000', backend: 'cpu' },
      { volunteerKey: 'node-test-volunteer-key-000000000', backend: 'cpu', hold: false },
    ]);
    expect(coordinator.requests.filter((r) => r.path.endsWith('/release')).map((r) => r.body)).toEqual([{ leaseToken: 'token-t1', volunteerKey: 'node-test-volunteer-key-000000000' }]);
    expect(coordinator.reports).toHaveLength(0);
  });

  it('runs a task again on the backend its host mended, and reports that backend', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1')];
    let calls = 0;
    const losesDevice: TaskExecutor = async (task, inputs, memory, onProgress) => {
      if (calls++ === 0) throw new Error('GPU device was lost');
      return trains(task, inputs, memory, onProgress);
    };
    const { worker, problems } = volunteer(coordinator, {
      backend: 'webgpu', execute: losesDevice,
      recover: async () => ({ backend: 'wasm', note: 'WebGPU device lost' }),
    });
    await worker.run();
    expect(problems()[0]).toBe('train task t1 failed on webgpu: GPU device was lost; WebGPU device lost, running it again on wasm');
    expect(coordinator.reports.map((r) => r.backend)).toEqual(['wasm']);
    expect(worker.status.tasksByBackend).toEqual({ wasm: 1 });
    expect(coordinator.requests.filter((r) => r.path.endsWith('/lease')).at(-1)?.body).toMatchObject({ backend: 'wasm' });
  });

  it('gives a task back that fails beyond repair, then backs off', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1')];
    const broken: TaskExecutor = async () => {
      throw new Error('out of memory');
    };
    const { worker, problems } = volunteer(coordinator, { execute: broken, recover: async () => null });
    await worker.run();
    expect(coordinator.count('/release')).toBe(1);
    expect(problems()[0]).toBe('train task t1 failed on cpu: out of memory');
    expect(problems()[1]).toMatch(/^train task t1 failed on cpu: out of memory; trying again in/);
  });

  it('pauses between tasks until resumed, holding no lease', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1'), trainTask('t2')];
    const { worker, events } = volunteer(coordinator, { maxTasks: 2 });
    let paused = false;
    const ended = worker.run();
    worker.pause();
    await new Promise((resolve) => setTimeout(resolve, 30));
    paused = worker.status.activity === 'paused';
    const leasesWhilePaused = coordinator.count('/lease');
    worker.resume();
    expect(await ended).toEqual({ reason: 'max-tasks' });
    expect(paused).toBe(true);
    expect(leasesWhilePaused).toBe(0);
    expect(events.some(({ status }) => status.activity === 'paused' && status.lease === null)).toBe(true);
  });

  it('retries a report the coordinator could not take, within the lease', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1')];
    coordinator.reportAnswers = [new TypeError('fetch failed'), json({ error: 'overloaded' }, 503)];
    const { worker } = volunteer(coordinator);
    await worker.run();
    expect(coordinator.count('/report')).toBe(3);
    expect(worker.status.tasksDone).toBe(1);
  });

  it('names the lease it holds while working, for a host that must give it back itself', async () => {
    const coordinator = new TestCoordinator();
    coordinator.leases = [trainTask('t1')];
    const { worker, events } = volunteer(coordinator);
    await worker.run();
    const training = events.find(({ status }) => status.activity === 'training');
    expect(training?.status.lease).toEqual({ runId: RUN_ID, leaseToken: 'token-t1' });
  });
});
