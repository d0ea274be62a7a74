// `npm run simulate:byzantine`: the Byzantine grid (client/simulate/byzantine-grid.ts) with 8
// simulated volunteers, one row per variant, written as docs/fleet/byzantine.{md,json}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import { initBackend } from '../engine/index.ts';
import { byzantineBase, BYZANTINE_VARIANTS, byzantineMarkdown, byzantineRow, type ByzantineRow } from '../simulate/byzantine-grid.ts';

const USAGE = `Usage: npm run simulate:byzantine [-- --volunteers N] [--only LABEL] [--out DIR]

  --volunteers N   fleet size (default 8)
  --only TEXT      run only the variants whose label contains TEXT
  --out DIR        where byzantine.md and byzantine.json go (default docs/fleet)`;

async function main(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({ args: argv, options: { volunteers: { type: 'string', default: '8' }, only: { type: 'string' }, out: { type: 'string', default: 'docs/fleet' }, help: { type: 'boolean' } } });
  if (args.help) return print(USAGE, 0);
  const volunteers = Number(args.volunteers);
  if (!Number.isInteger(volunteers) || volunteers < 1 || volunteers > 1024) return print(`--volunteers must be a whole number 1-1024, got ${args.volunteers}`, 2);
  const variants = BYZANTINE_VARIANTS.filter((variant) => !args.only || variant.label.includes(args.only));
  if (variants.length === 0) return print(`no variant's label contains "${args.only}"`, 2);
  const backend = await initBackend(['wasm'], { threads: 1 });
  console.log(`Byzantine grid: ${variants.length} variants, ${volunteers} uniform volunteers, on ${backend.detail}`);
  const base = byzantineBase();
  const rows: ByzantineRow[] = [];
  for (const variant of variants) {
    const parsed = parseRunConfig({ ...base, fleet: { roundSize: volunteers, ...variant.fleet } });
    if (!parsed.ok) return print(`${variant.label}: ${parsed.error}`, 1);
    const source = openDataset(parsed.value.dataset);
    if (!source.ok) return print(source.error, 1);
    const row = await byzantineRow(parsed.value, source.value, variant, volunteers, (progress, seconds) => {
      const last = progress.history.at(-1)!;
      process.stdout.write(`\r  ${variant.label}: epoch ${last.epoch}, val ${last.valAcc.toFixed(2)}% at ${(seconds / 60).toFixed(2)} simulated min   `);
    });
    rows.push(row);
    console.log(`\r  ${variant.label}: ${row.liars} liars, reported test ${row.reportedTestAcc?.toFixed(2) ?? 'none'}%, true ${row.trueTestAcc.toFixed(2)}%, ended ${row.doneReason}`);
  }
  const title = `Byzantine volunteers (train deltas x -10, evals claiming every image), ${volunteers} volunteers, round size ${volunteers}`;
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'byzantine.json'), `${JSON.stringify({ title, command: `npm run simulate:byzantine -- ${argv.join(' ')}`.trim(), base, rows }, null, 2)}\n`);
  writeFileSync(join(args.out, 'byzantine.md'), byzantineMarkdown(title, rows));
  console.log(`\n${byzantineMarkdown(title, rows)}\nwrote ${join(args.out, 'byzantine')}.{md,json}`);
  return 0;
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
