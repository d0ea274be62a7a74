// The operator pauses, resumes or cancels a run. A paused run hands out no work; a resumed one
// goes on from the round it kept; a cancelled one is over.
import { transition } from '../controller/index.ts';
import { currentStep, type LiveRun } from './live-run.ts';
import { accept, refuse, type Outcome } from './outcome.ts';
import { noChanges, type RunChanges } from './run-changes.ts';
import { finishRun } from './work-start.ts';

export type RunControl = 'pause' | 'resume' | 'cancel';

export function controlStep(live: LiveRun, action: RunControl, now: number): Outcome<RunChanges> {
  const { run } = live;
  if (run.status === 'done') return refuse(409, `run ${run.id} is over (${run.doneReason}); it cannot ${action}`);
  if (action === 'cancel') return accept({ ...noChanges(), round: finishRun({ ...currentStep(live), run: { ...run, updatedAt: now } }, 'cancelled') });
  if (action === 'pause') return accept({ ...noChanges(), run: { ...run, status: 'paused', updatedAt: now } });
  if (run.status !== 'paused') return accept(noChanges());
  // The controller hears of the restart; its resync effects are not needed, because the run kept
  // its work (round, AdamInit pass, rate) and goes on from there.
  const [controller] = transition(run.controller, { type: 'run-resumed' }, live.config);
  return accept({ ...noChanges(), run: { ...run, controller, status: 'running', updatedAt: now } });
}
