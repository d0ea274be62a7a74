// The volunteer's state as one line of text, and each finished task as a log line: what the
// terminal volunteer prints (and what a page could use as a title).
import type { FinishedTask, VolunteerStatus } from './volunteer-status.ts';

export function statusLine(status: VolunteerStatus): string {
  const parts: string[] = [];
  const { task } = status;
  if (task) {
    const percent = task.samplesTotal > 0 ? Math.floor((100 * task.samplesDone) / task.samplesTotal) : 0;
    parts.push(`${task.kind} ${task.id} ${task.samplesDone}/${task.samplesTotal} (${percent}%)`);
  } else {
    parts.push(status.activity);
  }
  if (status.imagesPerSecond !== null) parts.push(`${status.imagesPerSecond.toFixed(0)} img/s`);
  parts.push(`${status.tasksDone} tasks, ${status.samplesDone} images`);
  if (status.run) parts.push(`${status.run.phase} ${status.run.architecture}`);
  return parts.join(' | ');
}

export function finishedLine(task: FinishedTask): string {
  const rate = task.seconds > 0 ? ` (${(task.samples / task.seconds).toFixed(0)} img/s)` : '';
  const verdict = task.accepted ? 'accepted' : 'refused';
  return `${task.taskId} ${task.kind}: ${task.samples} images in ${task.seconds.toFixed(2)} s${rate} on ${task.backend}, ${verdict}`;
}
