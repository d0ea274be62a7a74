// `npm start`: the whole system on this machine. Prepares the MNIST shards of the mnist-demo
// preset, builds the pages, starts the coordinator (wrangler dev, state kept in .wrangler/), creates
// the demo run if there is none, starts a fleet of headless volunteers (one per CPU core unless
// told otherwise), and stops it all on Ctrl-C.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { presetConfig } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { prepareDataset } from '../data/prepare-node.ts';
import { buildClient, clientBuildIsCurrent } from './client-build.ts';
import { coordinatorClient, DEV_ADMIN_TOKEN, type Fetched } from '../coordinator/index.ts';
import { REPO_ROOT, startCoordinator, type CoordinatorProcess } from './coordinator-process.ts';
import { startVolunteer, type VolunteerProcess } from './volunteer-process.ts';

const PORT = Number(process.env.PORT ?? 8787);
const PRESET = 'mnist-demo';

const USAGE = `Usage: npm start [-- --volunteers N]

  --volunteers N   headless volunteers to start (default: one per CPU core, here ${availableParallelism()})`;

function say(text: string): void {
  process.stdout.write(`[start] ${text}\n`);
}

async function main(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({ args: argv, options: { volunteers: { type: 'string' }, help: { type: 'boolean' } } });
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const fleetSize = args.volunteers === undefined ? availableParallelism() : Number(args.volunteers);
  if (!Number.isInteger(fleetSize) || fleetSize < 1 || fleetSize > 64) return fail(`--volunteers must be a whole number from 1 to 64, got ${args.volunteers}\n\n${USAGE}`);
  const preset = presetConfig(PRESET);
  if (!preset.ok) return fail(preset.error);
  const prepared = prepareDataset(preset.value.dataset, resolve(REPO_ROOT, 'dist/client'));
  if (!prepared.ok) return fail(`preparing the ${PRESET} data: ${prepared.error}`);

  if (clientBuildIsCurrent()) {
    say('the contribute page and the dashboard in dist/client are up to date');
  } else {
    say('building the contribute page and the dashboard (vite)');
    // Vite's warnings about tfjs' Node-only imports are expected; a failed build prints its output.
    const built = await buildClient(() => {});
    if (!built.ok) return fail(built.error);
  }

  say(`starting the coordinator (wrangler dev on port ${PORT}, state in .wrangler/state)`);
  const started = await startCoordinator({ port: PORT, persistTo: resolve(REPO_ROOT, '.wrangler/state'), onLine: showCoordinatorLine });
  if (!started.ok) return fail(started.error);
  const coordinator = started.value;
  let volunteers: VolunteerProcess[] = [];
  let stopRequested = false;
  const stopping = new Promise<void>((done) => {
    const stop = () => {
      stopRequested = true;
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  const runId = await demoRun(coordinator, demoConfig(preset.value, fleetSize));
  if (runId.ok) {
    // The volunteers share the cores: each one's WASM kernels get its part of them.
    const threads = String(Math.max(1, Math.floor(availableParallelism() / fleetSize)));
    volunteers = Array.from({ length: fleetSize }, (_, i) => {
      const label = fleetSize === 1 ? '[volunteer]' : `[volunteer ${i + 1}]`;
      return startVolunteer(coordinator.url, runId.value, (line) => process.stdout.write(`${label} ${line}\n`), ['--threads', threads]);
    });
    say(`${fleetSize} headless volunteer${fleetSize === 1 ? '' : 's'} working on run ${runId.value}`);
    say(`dashboard:         ${coordinator.url}/dashboard/?run=${runId.value}`);
    say(`contribute page:   ${coordinator.url}/?run=${runId.value}`);
    say('press Ctrl-C to stop everything');
  } else {
    say(runId.error);
  }
  // The coordinator stays up after the volunteers are done, so the finished run can be looked at.
  void Promise.all(volunteers.map((volunteer) => volunteer.exited)).then((codes) => {
    if (!stopRequested && codes.length > 0) say(`the volunteers exited (codes ${codes.join(', ')}); the coordinator keeps serving until Ctrl-C`);
  });
  await stopping;
  say('stopping: the volunteers give their leases back, then the coordinator shuts down');
  await Promise.all(volunteers.map((volunteer) => volunteer.stop()));
  await coordinator.stop();
  say('stopped');
  return runId.ok ? 0 : 1;
}

/** mnist-demo with rounds big enough for the whole fleet at once, and one task more for a page opened beside it. */
function demoConfig(config: RunConfig, fleetSize: number): RunConfig {
  return { ...config, fleet: { ...config.fleet, roundSize: Math.max(config.fleet.roundSize, fleetSize + 1) } };
}

/** The newest run if there is one (a restart goes on with it), else a new mnist-demo run for this fleet. */
async function demoRun(coordinator: CoordinatorProcess, config: RunConfig): Promise<Fetched<string>> {
  const client = coordinatorClient(coordinator.url, { adminToken: DEV_ADMIN_TOKEN });
  const runs = await client.listRuns();
  if (!runs.ok) return runs;
  const running = runs.value.find((run) => run.status === 'running') ?? runs.value[0];
  if (running) {
    say(`run ${running.id} (${running.name}) exists: ${running.status}, ${running.phase}, ${running.architecture}`);
    return { ok: true, value: running.id };
  }
  const created = await client.createRun({ config });
  if (!created.ok) return created;
  say(`created run ${created.value.id} from the ${PRESET} preset, round size ${config.fleet.roundSize}`);
  return { ok: true, value: created.value.id };
}

/** Every request would drown the volunteer's lines: the coordinator shows only what is not one. */
function showCoordinatorLine(line: string): void {
  if (line.trim() && !/\[wrangler:info\] (GET|POST|HEAD) /.test(line)) process.stdout.write(`[coordinator] ${line}\n`);
}

function fail(error: string): number {
  process.stderr.write(`[start] ${error}\n`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
