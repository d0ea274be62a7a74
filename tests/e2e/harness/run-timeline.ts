// Watches a run through GET /api/runs/:id and keeps a timeline: every change of epoch, phase,
// architecture, work or status, plus marks the test adds (a page's first task, a kill).
import type { RunProgress } from '../../../shared/protocol/index.ts';

export interface TimelineEntry {
  seconds: number;
  text: string;
}

export class RunTimeline {
  readonly entries: TimelineEntry[] = [];
  readonly #url: string;
  readonly #started = Date.now();
  #last = '';
  #timer: ReturnType<typeof setInterval> | null = null;
  /** The interval's poll in flight: stop() waits for it, so none outlives the coordinator. */
  #polling: Promise<unknown> = Promise.resolve();
  latest: RunProgress | null = null;
  /** Most tasks any polled train round had: above one, the round grew for the volunteers there. */
  largestTrainRound = 0;

  constructor(coordinatorUrl: string, runId: string) {
    this.#url = `${coordinatorUrl}/api/runs/${runId}`;
  }

  start(everyMs = 300): void {
    this.#timer = setInterval(() => {
      this.#polling = this.#polling.then(() => this.poll());
    }, everyMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#polling;
  }

  mark(text: string): void {
    this.entries.push({ seconds: (Date.now() - this.#started) / 1000, text });
  }

  async poll(): Promise<RunProgress | null> {
    // A coordinator going away mid-answer (a restart test) is a missed poll, not a failure.
    const response = await fetch(this.#url).catch(() => null);
    const progress = response?.ok ? ((await response.json().catch(() => null)) as RunProgress | null) : null;
    if (!progress) return this.latest;
    this.latest = progress;
    if (progress.work.kind === 'train') this.largestTrainRound = Math.max(this.largestTrainRound, progress.work.tasksTotal);
    const { status, epoch, phase, architecture, work, volunteers } = progress;
    const summary = `${status} epoch ${epoch} ${phase} ${architecture.name} ${work.kind}${work.split ? `:${work.split}` : ''} round ${work.round + 1}/${work.rounds} ` +
      `volunteers [${volunteers.map((v) => `${v.backend}:${v.reports}`).sort().join(' ')}]`;
    const key = `${status} ${epoch} ${phase} ${architecture.name} ${work.kind} ${work.split} ${work.round}`;
    if (key !== this.#last) {
      this.#last = key;
      this.mark(summary);
    }
    return progress;
  }

  print(): string {
    return this.entries.map((entry) => `${entry.seconds.toFixed(1).padStart(6)} s  ${entry.text}`).join('\n');
  }
}
