// Writes the volunteer's state into the contribute page: the visible text, and data-* attributes
// on <main id="volunteer"> that tests (and anyone scripting the page) read.
import type { VolunteerStatus } from '../volunteer/index.ts';
import type { BackendInfo } from './worker-api.ts';

export type Controls = 'idle' | 'starting' | 'working' | 'paused' | 'stopping';

/** Why the coordinator put this volunteer where it is, in words. */
const ASSIGNMENT_TEXT: Record<NonNullable<VolunteerStatus['assignment']>, string> = {
  'first': 'Assigned by the coordinator: this run had room for one more volunteer.',
  'kept': 'The coordinator keeps this browser on this run: it can still use it.',
  'moved: run finished': 'Moved here: the run before finished.',
  'moved: run saturated': 'Moved here: the run before had all the volunteers it could use.',
  'no room': 'Waiting: every run has all the volunteers it can use; asking again shortly.',
};

export interface RunHeadline {
  id: string;
  name: string;
  status: string;
  phase: string;
  architecture: string;
  epoch: number;
}

export class PageView {
  readonly #doc: Document;
  readonly #root: HTMLElement;

  constructor(doc: Document) {
    this.#doc = doc;
    this.#root = this.#get('volunteer');
  }

  button(id: 'contribute' | 'pause' | 'stop'): HTMLButtonElement {
    return this.#get(id) as HTMLButtonElement;
  }

  showRun(run: RunHeadline): void {
    this.#text('run-name', `${run.name} (${run.status})`);
    this.#text('run-phase', run.phase);
    this.#text('run-architecture', run.architecture);
    this.#text('run-epoch', String(run.epoch));
    (this.#get('dashboard-link') as HTMLAnchorElement).href = `/dashboard/?run=${encodeURIComponent(run.id)}`;
    Object.assign(this.#root.dataset, { runId: run.id, runStatus: run.status, runPhase: run.phase, runArchitecture: run.architecture });
  }

  /** Before Contribute on a page that names no run: the coordinator picks one then. */
  showRunToBeAssigned(): void {
    this.#text('run-name', 'the coordinator assigns one when you contribute');
  }

  showBackend(info: BackendInfo): void {
    this.#text('backend-detail', info.detail);
    this.#text('backend-reason', info.reason);
    Object.assign(this.#root.dataset, { backend: info.name, backendDetail: info.detail });
  }

  showStatus(status: VolunteerStatus): void {
    const { task, run } = status;
    this.#text('activity', status.activity);
    this.#text('task-label', task ? `${task.kind} ${task.id}: ${task.samplesDone} / ${task.samplesTotal} images` : 'none');
    const progress = this.#get('task-progress') as HTMLProgressElement;
    progress.max = task?.samplesTotal || 1;
    progress.value = task?.samplesDone ?? 0;
    this.#text('images-per-second', status.imagesPerSecond === null ? '' : `${status.imagesPerSecond.toFixed(1)} images/s`);
    const backends = Object.entries(status.tasksByBackend);
    this.#text('tasks-done', backends.length > 1 ? `${status.tasksDone} (${backends.map(([name, count]) => `${count} on ${name}`).join(', ')})` : String(status.tasksDone));
    this.#text('samples-done', String(status.samplesDone));
    if (run && status.runId !== null) this.showRun({ id: status.runId, ...run });
    this.#showAssignment(status);
    Object.assign(this.#root.dataset, {
      activity: status.activity,
      backend: status.backend,
      tasksDone: String(status.tasksDone),
      tasksByBackend: JSON.stringify(status.tasksByBackend),
      samplesDone: String(status.samplesDone),
      imagesPerSecond: status.imagesPerSecond === null ? '' : status.imagesPerSecond.toFixed(2),
      taskKind: task?.kind ?? '',
    });
    this.showProblem(status.problem);
  }

  #showAssignment({ runId, assignment }: VolunteerStatus): void {
    const line = this.#get('run-assignment');
    line.hidden = assignment === null;
    this.#text('run-assignment', assignment === null ? '' : ASSIGNMENT_TEXT[assignment]);
    // A new run's view comes a moment after the move: until then the page names the run by its id.
    if (runId !== null && runId !== this.#root.dataset.runId) {
      this.#text('run-name', runId);
      for (const id of ['run-phase', 'run-architecture', 'run-epoch']) this.#text(id, '–');
      this.#root.dataset.runId = runId;
    }
    this.#root.dataset.assignment = assignment ?? '';
  }

  showActivity(activity: string): void {
    this.#text('activity', activity);
    this.#root.dataset.activity = activity;
  }

  showProblem(text: string | null): void {
    const problem = this.#get('problem');
    problem.hidden = text === null;
    problem.textContent = text ?? '';
    this.#root.dataset.problem = text ?? '';
  }

  setControls(controls: Controls): void {
    this.button('contribute').disabled = controls !== 'idle';
    this.button('pause').disabled = controls !== 'working' && controls !== 'paused';
    this.button('pause').textContent = controls === 'paused' ? 'Resume' : 'Pause';
    this.button('stop').disabled = controls === 'idle' || controls === 'stopping';
  }

  #text(id: string, text: string): void {
    const element = this.#get(id);
    if (element.textContent !== text) element.textContent = text;
  }

  #get(id: string): HTMLElement {
    const element = this.#doc.getElementById(id);
    if (!element) throw new Error(`PageView: the page has no element #${id}`);
    return element;
  }
}
