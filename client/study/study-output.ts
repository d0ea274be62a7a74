// What a study writes, from its results: the JSON summary, the Markdown page (claim, command,
// scale, the table, findings, load) and the plot's spec. Pure; write-study.ts puts them on disk.
import { parseRunConfig } from '../../shared/config/run-config.ts';
import { scatterChart, type ChartSpec, type ScatterPoint } from '../plot/index.ts';
import { sumOf } from './derive.ts';
import type { RunResult } from './run-result.ts';
import { scaleNote } from './scale.ts';
import type { PlotAxis, Study, StudyResults } from './study.ts';
import { STUDY_TABLE_HEADER, STUDY_TABLE_NUMERIC, studyTableRow } from './study-table.ts';

export interface StudyMeta {
  seeds: number[];
  /** The command that made the outputs, as a reader would type it. */
  command: string;
  generatedAt: string;
}

const AXES: Record<PlotAxis, { title: string; value: (result: RunResult) => number }> = {
  depth: { title: 'depth of the net (sub-modules, all stages)', value: (r) => sumOf(r.depths) },
  parameters: { title: 'parameters', value: (r) => r.parameters },
  multiplyAccumulates: { title: 'multiply-accumulates per image', value: (r) => r.multiplyAccumulates },
};

function baseScale(study: Study): string {
  const parsed = parseRunConfig(study.base);
  if (!parsed.ok) throw new Error(`study ${study.name}: its base config does not parse: ${parsed.error}`);
  return scaleNote(parsed.value);
}

/** How busy the machine was: the range of 1-minute load averages around the runs, and its cores. */
function loadNote(results: StudyResults): string {
  const all = [...results.values()].flat();
  const loads = all.flatMap((r) => [r.place.loadBefore, r.place.loadAfter]).filter((v): v is number => v !== null);
  const cpus = all.find((r) => r.place.cpus !== null)?.place.cpus ?? null;
  const fleet = all.filter((r) => r.place.where !== 'in-process').length;
  const parts: string[] = [];
  if (loads.length > 0) {
    parts.push(`Runs in this process, one at a time, on ${cpus ?? '?'} cores shared with other jobs: the 1-minute load average was ` +
      `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} around them, so wall times are inflated accordingly.`);
  }
  if (fleet > 0) parts.push(`${fleet} runs were trained by a coordinator's volunteers; their wall time is the run's, start to end.`);
  return parts.join(' ');
}

export function studyPlot(study: Study, results: StudyResults): ChartSpec {
  const axis = AXES[study.plot.x];
  const points: ScatterPoint[] = study.variants.flatMap((variant) => (results.get(variant.label) ?? [])
    .filter((r) => r.testAcc !== null && (!study.plot.datasets || study.plot.datasets.includes(r.config.dataset.name)))
    .map((r) => ({ series: variant.series, x: axis.value(r), y: r.testAcc! })));
  return scatterChart(points, {
    title: study.title,
    xTitle: axis.title,
    yTitle: 'test accuracy (%)',
    xIntegers: study.plot.x === 'depth',
    seriesOrder: [...new Set(study.variants.map((v) => v.series))],
    ...(study.plot.lineSeries ? { lineSeries: study.plot.lineSeries } : {}),
    ...(study.plot.rules ? { rules: study.plot.rules } : {}),
  });
}

export function studyJson(study: Study, results: StudyResults, meta: StudyMeta): object {
  return {
    study: study.name,
    title: study.title,
    claim: study.claim,
    scale: baseScale(study),
    command: meta.command,
    seeds: meta.seeds,
    generatedAt: meta.generatedAt,
    header: STUDY_TABLE_HEADER,
    variants: study.variants.map((variant) => {
      const runs = results.get(variant.label) ?? [];
      return {
        label: variant.label,
        series: variant.series,
        row: studyTableRow({ label: variant.label, results: runs }),
        runs: runs.map((r) => ({
          key: r.key, seed: r.config.seed, dataset: r.config.dataset.name, foundNet: r.foundNet, depths: r.depths, testAcc: r.testAcc, bestValAcc: r.bestValAcc,
          parameters: r.parameters, multiplyAccumulates: r.multiplyAccumulates, epochs: r.epochs, growingEpochs: r.growingEpochs, wallSeconds: r.wallSeconds,
          budgetStops: r.growth.filter((entry) => entry.type === 'budget').length,
        })),
      };
    }),
    findings: study.findings?.(results) ?? [],
    load: loadNote(results),
  };
}

/** A Markdown table; `|` in a cell is escaped. */
function markdownTable(header: readonly string[], rows: readonly string[][], numeric: readonly boolean[]): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|');
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)].join('\n');
}

export function studyMarkdown(study: Study, results: StudyResults, meta: StudyMeta): string {
  const rows = study.variants.map((variant) => studyTableRow({ label: variant.label, results: results.get(variant.label) ?? [] }));
  const findings = study.findings?.(results) ?? [];
  return [
    `# Study \`${study.name}\`: ${study.title}`,
    '',
    `**The paper:** ${study.claim}`,
    '',
    `**Command:** \`${meta.command}\` (seeds ${meta.seeds.join(', ')}; each run's result is kept in \`runs/<key>.json\` beside this page, so a rerun only trains what is missing).`,
    '',
    `**Scale:** ${baseScale(study)} Each row changes only what its label says.`,
    '',
    markdownTable(STUDY_TABLE_HEADER, rows, STUDY_TABLE_NUMERIC),
    '',
    'Accuracy, parameters, multiply-accumulates, epochs and wall time are the mean ± sample standard deviation over the seeds.',
    '',
    ...(findings.length > 0 ? ['**Measured:**', '', ...findings.map((f) => `- ${f}`), ''] : []),
    `![${study.title}](${study.name}.png)`,
    '',
    `One point per run (seed). ${loadNote(results)} Generated ${meta.generatedAt}.`,
    '',
  ].join('\n');
}
