// The contribute page: shows the run, and on Contribute starts a training Web Worker for it,
// with Pause, Resume and Stop. Nothing trains before the visitor asks. Without ?run= the
// coordinator assigns the run (and may move the page to another as runs finish or fill up).
import { coordinatorClient, type Fetched } from '../coordinator/index.ts';
import { newVolunteerKey, type VolunteerEnd } from '../volunteer/index.ts';
import { PageView, type RunHeadline } from './page-view.ts';
import { ThreadSetting } from './thread-setting.ts';
import { WorkerSession } from './worker-session.ts';

const view = new PageView(document);
const params = new URLSearchParams(location.search);
/** The run the page was told to work for; null: the one the coordinator assigns. */
const namedRun = params.get('run') || null;
const client = coordinatorClient(location.origin);
let session: WorkerSession | null = null;
let paused = false;
let backendName = '';
const threads = new ThreadSetting(document, params.get('threads'), (count) => {
  void session?.setThreads(count).then(({ running, capacity }) => threads.showRunning(running, capacity, backendName));
});

async function findRun(runId: string): Promise<Fetched<RunHeadline>> {
  const progress = await client.runProgress(runId);
  if (!progress.ok) return progress;
  const { id, name, status, phase, architecture, epoch } = progress.value;
  return { ok: true, value: { id, name, status, phase, architecture: architecture.name, epoch } };
}

async function contribute(): Promise<void> {
  view.setControls('starting');
  view.showActivity('starting');
  if (namedRun) {
    const run = await findRun(namedRun);
    if (!run.ok) return showEnd({ activity: 'failed', problem: `Cannot start: ${run.error}.` });
    view.showRun(run.value);
  }
  const started = new WorkerSession(client, (message) => void endSession({ activity: 'failed', problem: message }));
  session = started;
  try {
    const backend = await started.init({ webgpu: params.get('backend') !== 'wasm', threads: threads.value });
    backendName = backend.name;
    threads.showRunning(backend.threads.running, backend.threads.capacity, backend.name);
    view.showBackend(backend);
    view.setControls('working');
    const end = await started.run(namedRun, newVolunteerKey(), (status) => view.showStatus(status));
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
    case 'diverged':
      return { activity: 'finished', problem: 'The run stopped: its training kept diverging after every rollback.' };
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
  threads.showIdle();
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

if (namedRun) {
  const headline = await findRun(namedRun);
  if (headline.ok) view.showRun(headline.value);
  else view.showProblem(`${headline.error}. Contribute will look again.`);
} else {
  view.showRunToBeAssigned();
}
