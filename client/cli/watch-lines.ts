// What `runs watch` prints when a new progress snapshot arrives: one line per newly finished epoch,
// one per growth event, and the run's outcome once it is done. Pure: the last snapshot in, text out.
import type { RunProgress } from '../../shared/protocol/index.ts';

const pad = (text: string | number, width: number): string => String(text).padStart(width);

export function epochLine(record: RunProgress['history'][number]): string {
  return `epoch ${pad(record.epoch + 1, 3)}  ${record.phase.padEnd(11)}  ${record.architecture.padEnd(22)}  ` +
    `val ${pad(record.valAcc.toFixed(2), 6)}%  train ${pad(record.trainAcc.toFixed(2), 6)}%  loss ${record.trainLoss.toFixed(4)}  ` +
    `lr ${record.learningRate}  ${record.imagesPerSecond.toFixed(0)} img/s  ${record.seconds.toFixed(0)} s`;
}

/** Lines for everything in `next` that `previous` (null: nothing printed yet) did not have. */
export function watchLines(previous: RunProgress | null, next: RunProgress): string[] {
  const lines: string[] = [];
  if (!previous) lines.push(`run ${next.id} "${next.name}": ${next.status}, ${next.phase}, ${next.architecture.name}`);
  const seenEpochs = previous?.history.length ?? 0;
  const seenEvents = previous?.log.length ?? 0;
  const events = next.log.slice(seenEvents);
  const eventLine = (e: RunProgress['log'][number]): string => `  ${e.type} stage ${e.stage + 1} (depth ${e.depth})`;
  // Events logged after e epochs follow the line of epoch e, as they happened; any others come last.
  const printed = new Set<(typeof events)[number]>();
  for (const record of next.history.slice(seenEpochs)) {
    lines.push(epochLine(record));
    for (const event of events.filter((e) => e.epoch === record.epoch + 1)) {
      lines.push(eventLine(event));
      printed.add(event);
    }
  }
  lines.push(...events.filter((e) => !printed.has(e)).map(eventLine));
  if (previous && previous.status !== next.status && next.status !== 'done') lines.push(`run ${next.status}`);
  if (next.status === 'done' && previous?.status !== 'done') {
    const test = next.testAcc === null ? 'no test accuracy' : `test accuracy ${next.testAcc.toFixed(2)}%`;
    const best = next.bestValAcc === null ? 'no validation yet' : `best val ${next.bestValAcc.toFixed(2)}%`;
    lines.push(`${next.doneReason ?? 'done'}: ${next.architecture.name}, ${test}, ${best}`);
  }
  return lines;
}

/** The progress bar's numbers and words for the current epoch. */
export function watchBar(progress: RunProgress): { done: number; total: number; suffix: string } {
  const { work, epochProgress } = progress;
  const fleet = `${progress.activeVolunteers} volunteers`;
  if (work.kind === 'train') return { done: epochProgress.done, total: epochProgress.total, suffix: `epoch ${progress.epoch + 1} train shards, ${fleet}` };
  const what = work.kind === 'eval' ? (work.split === 'test' ? 'testing' : 'validating') : work.kind === 'adam-init' ? 'AdamInit' : 'waiting';
  return { done: work.tasksDone, total: work.tasksTotal, suffix: `${what}, ${fleet}${progress.status === 'paused' ? ', paused' : ''}` };
}
