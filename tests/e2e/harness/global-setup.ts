// Once before the end-to-end tests: the run's data shards in dist/client/data, and a build of
// the pages that is not older than their sources.
import { resolve } from 'node:path';
import { buildClient, clientBuildIsCurrent } from '../../../client/cli/client-build.ts';
import { REPO_ROOT } from '../../../client/cli/coordinator-process.ts';
import { prepareDataset } from '../../../client/data/prepare-node.ts';
import { e2eRunConfig } from './e2e-run.ts';

export default async function setup(): Promise<void> {
  const prepared = prepareDataset(e2eRunConfig({}).dataset, resolve(REPO_ROOT, 'dist/client'), undefined, { progress: () => {} });
  if (!prepared.ok) throw new Error(`e2e setup: ${prepared.error}`);
  if (clientBuildIsCurrent()) return;
  const built = await buildClient(() => {});
  if (!built.ok) throw new Error(`e2e setup: ${built.error}`);
}
