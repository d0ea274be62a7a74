// A run's model state at its current version, read from a coordinator as a volunteer would, and
// how far it is from another state: what the in-process comparisons measure.
import type { RunProgress, StateManifestResponse } from '../../../shared/protocol/index.ts';
import { decodeModelState, type ModelState } from '../../../shared/state/index.ts';

export async function finalState(url: string, progress: RunProgress): Promise<ModelState> {
  const manifest = (await (await fetch(`${url}/api/runs/${progress.id}/state/${progress.version}`)).json()) as StateManifestResponse;
  const shards = await Promise.all(manifest.shards.map(async (shard) => new Uint8Array(await (await fetch(new URL(shard.url, url))).arrayBuffer())));
  const decoded = decodeModelState(manifest, shards);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.value;
}

/** Largest absolute difference over every value of two states with the same tensors in the same order. */
export function largestDifference(a: ModelState, b: ModelState): number {
  let worst = 0;
  a.tensors.forEach((tensor, i) => {
    const reference = b.tensors[i]!.data;
    tensor.data.forEach((value, j) => (worst = Math.max(worst, Math.abs(value - reference[j]!))));
  });
  return worst;
}
