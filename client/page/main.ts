// The contribute page: shows the run, and on Contribute starts a training Web Worker for it,
// with Pause, Resume and Stop. Nothing trains before the visitor asks.
import { coordinatorClient, type Fetched } from '../coordinator/index.ts';
import { newVolunteerId, pickRun, type VolunteerEnd } from '../volunteer/index.ts';
import { PageView, type RunHeadline } from './page-view.ts';
import { WorkerSession } from './worker-session.ts';

const view = new PageView(document);
const params = new URLSearchParams(location.search);
const client = coordinatorClient(location.origin);
let session: WorkerSession | null = null;
let paused = false;

async function findRun(): Promise<Fetched<RunHeadline>> {
  const picked = await pickRun(client, params.get('run'));
  if (!picked.ok) return picked;
  const progress = await client.runProgress(picked.value);
  if (!progress.ok) return progress;
  const { id, name, status, phase, architecture, epoch } = progress.value;
  return { ok: true, value: { id, name, status, phase, architecture: architecture.name, epoch } };
}

async function contribute(): Promise<void> {
  view.setControls('starting');
  view.showActivity('starting');
  const run = await findRun();
  if (!run.ok) return showEnd({ activity: 'failed', problem: `Cannot start: ${run.error}.` });
  view.rememberRunName(run.value.name);
  view.showRun(run.value);
  const started = new WorkerSession(client, (message) => void endSession({ activity: 'failed', problem: message }));
  session = started;
  try {
    const threads = params.get('threads');
    const backend = await started.init({ webgpu: params.get('backend') !== 'wasm', threads: threads === null ? null : Number(threads) });
    view.showBackend(backend);
    view.setControls('working');
    const end = await started.run(run.value.id, newVolunteerId('web'), (status) => view.showStatus(status));
    if (session === started) await endSession(pageEnd(end));
  } catch (error) {
    if (session === started) await endSession({ activity: 'failed', problem: `The training worker stopped: ${error instanceof Error ? error.message : String(error)}` });
  }
}

interface PageEnd {
  activity: 'stopped' | 'finished' | 'failed';
  problem: string | null;
}

function pageEnd(end: VolunteerEnd): PageEnd {
  switch (end.reason) {
    case 'failed':
      return { activity: 'failed', problem: end.error };
    case 'cancelled':
      return { activity: 'finished', problem: 'The run was cancelled by its operator.' };
    case 'finished':
    case 'max-tasks':
      return { activity: 'finished', problem: null };
    case 'stopped':
      return { activity: 'stopped', problem: null };
  }
}

async function endSession(end: PageEnd): Promise<void> {
  const ending = session;
  session = null;
  paused = false;
  view.setControls('stopping');
  await ending?.stop();
  showEnd(end);
}

function showEnd(end: PageEnd): void {
  view.setControls('idle');
  view.showActivity(end.activity);
  view.showProblem(end.problem);
}

async function togglePause(): Promise<void> {
  if (!session) return;
  paused = !paused;
  view.setControls(paused ? 'paused' : 'working');
  await (paused ? session.pause() : session.resume());
}

view.button('contribute').addEventListener('click', () => void contribute());
view.button('pause').addEventListener('click', () => void togglePause());
view.button('stop').addEventListener('click', () => void endSession({ activity: 'stopped', problem: null }));
addEventListener('pagehide', () => session?.abandon());

const headline = await findRun();
if (headline.ok) {
  view.rememberRunName(headline.value.name);
  view.showRun(headline.value);
} else {
  view.showProblem(`${headline.error}. Contribute will look again.`);
}
