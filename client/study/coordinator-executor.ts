// Runs a study on a coordinator: each run is created there under the study's group (or found
// there from an earlier submission) and volunteers train it; its result is read once it is done.
// Every run of the study is in flight at once, a dependent one from when its inputs are done.
import { runReport } from '../../shared/export/run-report.ts';
import type { CoordinatorClient } from '../coordinator/index.ts';
import { groupRuns } from './group-runs.ts';
import { runKey } from './run-key.ts';
import type { RunExecutor } from './run-study.ts';
import { resultFromReport } from './run-result.ts';

export interface CoordinatorOptions {
  /** How often a run's progress is read while it trains. */
  pollSeconds: number;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export function coordinatorExecutor(client: CoordinatorClient, group: string, options: CoordinatorOptions): RunExecutor {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let submitted: Promise<Map<string, string>> | null = null;
  const known = (): Promise<Map<string, string>> => (submitted ??= groupRuns(client, group).then((runs) => {
    if (!runs.ok) throw new Error(`cannot read the runs of group ${group}: ${runs.error}`);
    return new Map(runs.value.map((run) => [runKey(run.config), run.id]));
  }));

  return {
    async run(key, config, label) {
      const runs = await known();
      let id = runs.get(key);
      if (id === undefined) {
        const created = await client.createRun({ config });
        if (!created.ok) throw new Error(`cannot create the run "${label}" (seed ${config.seed}): ${created.error}`);
        id = created.value.id;
        runs.set(key, id);
        options.log?.(`submitted "${label}" seed ${config.seed} as run ${id}`);
      }
      for (;;) {
        const progress = await client.runProgress(id);
        if (!progress.ok && !progress.retry) throw new Error(`run ${id} ("${label}"): ${progress.error}`);
        if (progress.ok && progress.value.status === 'done') {
          if (progress.value.doneReason !== 'finished') throw new Error(`run ${id} ("${label}", seed ${config.seed}) was ${progress.value.doneReason}`);
          const stored = await client.runConfig(id);
          if (!stored.ok) throw new Error(`run ${id}: ${stored.error}`);
          // Which engines the volunteers ran is theirs to know; the run only lists those seen lately.
          return resultFromReport(key, runReport(progress.value, stored.value), { where: client.baseUrl, backend: 'fleet', loadBefore: null, loadAfter: null, cpus: null });
        }
        await sleep(options.pollSeconds * 1000);
      }
    },
  };
}
