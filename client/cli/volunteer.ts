// `npm run volunteer`: a headless volunteer on WASM. Leases, trains and reports in a loop with a
// progress line on a terminal, rides out coordinator restarts, and gives its lease back on Ctrl-C.
// Without --run it works for the run the coordinator assigns, and says when and why that changes.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend } from '../engine/index.ts';
import { volunteerLabel } from '../../shared/protocol/index.ts';
import { coordinatorClient } from '../coordinator/index.ts';
import { executeTask } from '../tasks/execute-task.ts';
import { finishedLine, newVolunteerKey, statusLine, Volunteer, type VolunteerEvent, type VolunteerStatus } from '../volunteer/index.ts';
import { progressBar } from './progress-bar.ts';

const USAGE = `Usage: npm run volunteer -- --coordinator URL [--run ID] [--max-tasks N] [--threads N]

  --coordinator URL   where the coordinator answers, e.g. http://127.0.0.1:8787
  --run ID            the run to work for (default: the run the coordinator assigns, asked
                      before each task: it moves this volunteer when its run finishes or fills up)
  --max-tasks N       stop after N accepted tasks
  --threads N         threads for the WASM kernels (default: every core, ${availableParallelism()} here)`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { coordinator: { type: 'string' }, run: { type: 'string' }, 'max-tasks': { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (args.help) return fail(USAGE, 0);
  if (!args.coordinator || !URL.canParse(args.coordinator)) return fail(`--coordinator must be a URL, got ${args.coordinator ?? 'nothing'}\n\n${USAGE}`, 2);
  const maxTasks = args['max-tasks'] === undefined ? undefined : Number(args['max-tasks']);
  if (maxTasks !== undefined && !(Number.isInteger(maxTasks) && maxTasks > 0)) return fail(`--max-tasks must be a positive integer, got ${args['max-tasks']}`, 2);

  const threads = args.threads === undefined ? undefined : Number(args.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) return fail(`--threads must be a positive integer, got ${args.threads}`, 2);

  const backend = await initBackend(['wasm'], threads === undefined ? {} : { threads });
  const client = coordinatorClient(args.coordinator);
  const volunteerKey = newVolunteerKey();
  const volunteerId = volunteerLabel(volunteerKey);
  let stopping = false;
  let volunteer: Volunteer | null = null;
  const onSignal = () => {
    // A second Ctrl-C does not wait for the lease to be given back.
    if (stopping) process.exit(130);
    stopping = true;
    log(`stopping${volunteer?.status.lease ? ': giving the lease back' : ''} (Ctrl-C again to quit at once)`);
    void volunteer?.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log(`volunteer ${volunteerId} on ${backend.detail}, coordinator ${client.baseUrl}`);

  const runId = args.run ?? null;
  log(runId === null ? 'asking the coordinator for a run before each task' : `working for run ${runId}`);

  const bar = progressBar('volunteer');
  volunteer = new Volunteer({
    client, runId, volunteerKey, backend: `node-${backend.name}`, execute: executeTask,
    ...(maxTasks === undefined ? {} : { maxTasks }),
    onUpdate: (status, event) => show(status, event, bar),
  });
  const end = await volunteer.run();
  bar.clear();
  const { tasksDone, samplesDone } = volunteer.status;
  log(`${end.reason === 'failed' ? `failed: ${end.error}` : end.reason}; contributed ${tasksDone} tasks, ${samplesDone} images`);
  return end.reason === 'failed' ? 1 : 0;
}

function show(status: VolunteerStatus, event: VolunteerEvent, bar: ReturnType<typeof progressBar>): void {
  if (event.type === 'task-finished' || event.type === 'problem' || (event.type === 'activity' && status.activity === 'downloading')) bar.clear();
  if (event.type === 'task-finished') log(finishedLine(event.task));
  else if (event.type === 'assigned') log(assignedLine(status));
  else if (event.type === 'problem') log(`problem: ${event.message}`);
  else if (event.type === 'activity' && status.activity === 'downloading' && status.task) log(`leased ${status.task.id} (${status.task.kind}, ${status.task.samplesTotal} images)`);
  const task = status.task;
  bar.update(task?.samplesDone ?? 0, task?.samplesTotal ?? 1, statusLine(status));
}

function assignedLine({ runId, assignment }: VolunteerStatus): string {
  if (assignment === 'no room') return 'no run has room for another volunteer; waiting';
  return `working for run ${runId} (${assignment})`;
}

function log(text: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

function fail(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
