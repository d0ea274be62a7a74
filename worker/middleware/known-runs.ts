// Which run ids exist, asked of the registry before any run object is touched: an unknown id
// would otherwise create a Durable Object (and storage) just to answer 404. Ids are never
// reused, so an id once known stays known, and this isolate keeps the ids it has seen.
import { RUN_ID_PATTERN } from '../../shared/protocol/index.ts';
import type { Env } from '../env.ts';
import { REGISTRY_NAME } from '../run-registry.ts';

/** Ids remembered per isolate; past this many, the longest unused is forgotten (and asked again). */
const KNOWN_LIMIT = 10_000;
const known = new Map<string, true>();

export function rememberRun(id: string): void {
  known.delete(id);
  known.set(id, true);
  if (known.size > KNOWN_LIMIT) known.delete(known.keys().next().value!);
}

/** True for an id the registry holds; false for any other string, without waking a run object. */
export async function isKnownRun(env: Env, id: string): Promise<boolean> {
  if (!RUN_ID_PATTERN.test(id)) return false;
  if (known.has(id)) {
    rememberRun(id);
    return true;
  }
  if (!(await env.REGISTRY.getByName(REGISTRY_NAME).has(id))) return false;
  rememberRun(id);
  return true;
}
