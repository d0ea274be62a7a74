// `npm run simulate -- --study NAME`: a study's runs on one simulated fleet (client/simulate/
// simulate-study.ts), beside the same study on one volunteer that does the runs one after another
// and the same runs in one process, written as NAME's table, data and chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { memoryStore, simulateStudy, studyFleetChart, studyFleetMarkdown, studyRunRows, type FleetDraw } from '../simulate/index.ts';
import { localExecutor } from '../study/local-executor.ts';
import { runStudy, type RunResult, type Study } from '../study/index.ts';
import type { SourceCommit } from './source-commit.ts';

export interface StudySimulation {
  study: Study;
  seeds: number;
  sizes: number[];
  draw: Omit<FleetDraw, 'volunteers'>;
  sourceDir: string | undefined;
  out: string;
  command: string;
  source: SourceCommit;
}

export async function simulateStudyCommand(options: StudySimulation): Promise<number> {
  const { study, draw, out } = options;
  const seeds = Array.from({ length: options.seeds }, (_, i) => i + 1);
  const sources = new Map<string, DatasetSource>();
  const source = (config: RunConfig): DatasetSource => {
    const id = JSON.stringify(config.dataset);
    let known = sources.get(id);
    if (!known) {
      const opened = openDataset(config.dataset, options.sourceDir);
      if (!opened.ok) throw new Error(opened.error);
      known = opened.value;
      sources.set(id, known);
    }
    return known;
  };
  console.log(`study "${study.name}", seeds ${seeds.join(', ')}: in one process first, then on fleets of 1 and ${options.sizes.join(', ')} volunteers`);
  const inProcess: { label: string; result: RunResult }[] = [];
  await runStudy(study, seeds, localExecutor({ sourceDir: options.sourceDir }), memoryStore(), (event) => {
    if (event.type === 'finished') {
      inProcess.push({ label: event.label, result: event.result });
      console.log(`  in one process: ${event.label}, seed ${event.seed}: ${event.result.foundNet}, test ${event.result.testAcc?.toFixed(2)}%`);
    }
  });
  const alone = await simulateStudy(study, seeds, { ...draw, volunteers: 1 }, source);
  console.log(`  one volunteer: every run done in ${(alone.seconds / 60).toFixed(1)} simulated min`);
  mkdirSync(out, { recursive: true });
  for (const volunteers of options.sizes.filter((n) => n !== 1)) {
    const fleet = await simulateStudy(study, seeds, { ...draw, volunteers }, source);
    const rows = studyRunRows(fleet, inProcess);
    const title = `study ${study.name} on ${volunteers} ${draw.profile} volunteers`;
    const name = `study-${study.name}-${volunteers}`;
    const markdown = studyFleetMarkdown(title, alone, fleet, rows);
    writeFileSync(join(out, `${name}.json`), `${JSON.stringify({ title, command: options.command, ...options.source, alone: { ...alone, runs: alone.runs.map(({ curve: _curve, ...run }) => run) }, fleet, rows }, null, 2)}\n`);
    writeFileSync(join(out, `${name}.md`), `${markdown}\n\`${options.command}\` at ${options.source.commit}${options.source.dirty ? ' (uncommitted changes)' : ''}\n`);
    writeFileSync(join(out, `${name}.svg`), await studyFleetChart(title, fleet));
    console.log(`\n${markdown}\nwrote ${join(out, name)}.{json,md,svg}`);
  }
  return 0;
}
