// Writes the volunteer's state into the contribute page: the visible text, and data-* attributes
// on <main id="volunteer"> that tests (and anyone scripting the page) read.
import type { VolunteerStatus } from '../volunteer/index.ts';
import type { BackendInfo } from './worker-api.ts';

export type Controls = 'idle' | 'starting' | 'working' | 'paused' | 'stopping';

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
    if (run) this.showRun({ id: status.runId, name: this.#root.dataset.runName ?? status.runId, ...run });
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

  /** The run's name is kept apart: status updates carry the phase but not the name. */
  rememberRunName(name: string): void {
    this.#root.dataset.runName = name;
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
