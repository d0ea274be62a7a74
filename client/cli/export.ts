// `npm run export -- --run ID --out DIR`: a run's model as TensorFlow.js LayersModel files
// (model.json + weights.bin) and its report.json, written to DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coordinatorClient } from '../coordinator/index.ts';
import { exportRun } from './export-run.ts';

const USAGE = `Usage: npm run export -- --run ID --out DIR [--coordinator URL] [--version N]

  --run ID            the run to export
  --out DIR           where model.json, weights.bin and report.json go
  --coordinator URL   default http://127.0.0.1:8787
  --version N         a model version other than the run's current one (old ones may be gone)`;

const print = (text: string, code: number): number => {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
};

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { coordinator: { type: 'string', default: 'http://127.0.0.1:8787' }, run: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    return print(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (args.help) return print(USAGE, 0);
  if (!args.run || !args.out) return print(`--run and --out are required\n\n${USAGE}`, 2);
  const version = args.version === undefined ? undefined : Number(args.version);
  if (version !== undefined && !(Number.isSafeInteger(version) && version >= 0)) return print(`--version must be a non-negative integer, got "${args.version}"`, 2);
  if (!URL.canParse(args.coordinator)) return print(`--coordinator must be a URL, got "${args.coordinator}"`, 2);

  const exported = await exportRun(coordinatorClient(args.coordinator), args.run, version);
  if (!exported.ok) return print(`cannot export run ${args.run}: ${exported.error}`, 1);
  mkdirSync(args.out, { recursive: true });
  for (const file of exported.value.files) writeFileSync(join(args.out, file.name), file.bytes);
  const sizes = exported.value.files.map((f) => `${f.name} (${(f.bytes.length / 1024).toFixed(0)} KiB)`).join(', ');
  return print(`wrote ${sizes} to ${args.out}: version ${exported.value.version}`, 0);
}

process.exitCode = await main(process.argv.slice(2));
