// `npm run runs -- COMMAND`: create, list, watch, pause, resume and cancel runs on a coordinator.
// Coordinator errors are printed in words; the exit code is 1 for those, 2 for a usage error.
import { parseArgs } from 'node:util';
import { PRESET_NAMES, presetConfig } from '../../shared/config/presets.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';
import type { RunControl } from '../../shared/run/index.ts';
import { adminTokenFor, coordinatorClient, type CoordinatorClient } from '../coordinator/index.ts';
import { loadRunConfig } from './load-config.ts';
import { progressBar } from './progress-bar.ts';
import { progressStream } from './progress-stream.ts';
import { watchBar, watchLines } from './watch-lines.ts';

const DEFAULT_COORDINATOR = 'http://127.0.0.1:8787';
/** A dropped stream is reopened this many times in a row before watch gives up. */
const RECONNECTS = 5;

const USAGE = `Usage: npm run runs -- COMMAND [--coordinator URL]

  create --preset NAME | --config FILE   start a run (presets: ${PRESET_NAMES.join(', ')})
  list                                   the runs, newest first
  watch ID                               follow a run live until it is done
  pause ID | resume ID | cancel ID       control a run

  --coordinator URL   default ${DEFAULT_COORDINATOR}
  Admin commands (create, pause, resume, cancel) send AUTOGROW_ADMIN_TOKEN; a coordinator on
  localhost gets wrangler dev's token when it is unset.`;

const print = (text: string, code: number): number => {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
};

const describeRun = (p: RunProgress, coordinator: string): string =>
  `run ${p.id} "${p.name}": ${p.status}, ${p.phase}, ${p.architecture.name}, ${p.epoch} epochs\n` +
  `  dashboard: ${new URL(`/dashboard/?run=${p.id}`, coordinator)}`;

async function create(api: CoordinatorClient, preset: string | undefined, configFile: string | undefined): Promise<number> {
  // Checked here first, so a typo is named before anything is sent.
  if (preset && configFile) return print(`give either --preset or --config, not both\n\n${USAGE}`, 2);
  const loaded = preset ? presetConfig(preset) : loadRunConfig(undefined, configFile);
  if (!loaded.ok) return print(`${loaded.error}\n\n${USAGE}`, 2);
  const created = await api.createRun(preset ? { preset } : { config: loaded.value });
  if (!created.ok) return print(`cannot create the run: ${created.error}`, 1);
  return print(`created ${describeRun(created.value, api.baseUrl)}`, 0);
}

async function list(api: CoordinatorClient): Promise<number> {
  const runs = await api.listRuns();
  if (!runs.ok) return print(`cannot list the runs: ${runs.error}`, 1);
  if (runs.value.length === 0) return print('no runs yet; start one with: npm run runs -- create --preset tiny', 0);
  const rows = runs.value.map((r) => [r.id, r.name, r.status, r.phase, r.architecture, String(r.epoch), String(r.volunteers), r.bestValAcc === null ? '-' : `${r.bestValAcc.toFixed(2)}%`]);
  const header = ['id', 'name', 'status', 'phase', 'architecture', 'epoch', 'volunteers', 'best val'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return print([line(header), ...rows.map(line)].join('\n'), 0);
}

async function watch(api: CoordinatorClient, id: string): Promise<number> {
  const first = await api.runProgress(id);
  if (!first.ok) return print(`cannot watch run ${id}: ${first.error}`, 1);
  const bar = progressBar('run');
  let last: RunProgress | null = null;
  // A function, not a narrowed variable: `show` updates `last` behind the compiler's back.
  const finished = (): boolean => last?.status === 'done';
  const show = (progress: RunProgress): void => {
    const lines = watchLines(last, progress);
    if (lines.length > 0) {
      bar.clear();
      console.log(lines.join('\n'));
    }
    last = progress;
    if (progress.status !== 'done') {
      const { done, total, suffix } = watchBar(progress);
      bar.update(done, total, suffix);
    }
  };
  show(first.value);
  for (let failures = 0; !finished() && failures < RECONNECTS; failures++) {
    for await (const item of progressStream(api.eventsUrl(id))) {
      if (!item.ok) {
        bar.clear();
        console.error(item.error);
        break;
      }
      failures = 0;
      show(item.value);
      if (item.value.status === 'done') break;
    }
    if (!finished()) await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  bar.clear();
  return finished() ? 0 : print(`lost the event stream of run ${id} ${RECONNECTS} times in a row`, 1);
}

async function control(api: CoordinatorClient, id: string, action: RunControl): Promise<number> {
  const answered = await api.controlRun(id, action);
  if (!answered.ok) return print(`cannot ${action} run ${id}: ${answered.error}`, 1);
  return print(describeRun(answered.value, api.baseUrl), 0);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { coordinator: { type: 'string', default: DEFAULT_COORDINATOR }, preset: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    return print(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const { values: args, positionals } = parsed;
  const [command, id, ...extra] = positionals;
  if (args.help || !command) return print(USAGE, args.help ? 0 : 2);
  let base: URL;
  try {
    base = new URL(args.coordinator);
  } catch {
    return print(`--coordinator must be a URL such as ${DEFAULT_COORDINATOR}, got "${args.coordinator}"`, 2);
  }
  const api = coordinatorClient(base.toString(), { adminToken: adminTokenFor(base.toString(), process.env) });
  if (command === 'create') return create(api, args.preset, args.config);
  if (command === 'list') return list(api);
  if (!['watch', 'pause', 'resume', 'cancel'].includes(command)) return print(`unknown command "${command}"\n\n${USAGE}`, 2);
  if (!id || extra.length > 0) return print(`${command} takes one run id\n\n${USAGE}`, 2);
  return command === 'watch' ? watch(api, id) : control(api, id, command as RunControl);
}

process.exitCode = await main(process.argv.slice(2));
