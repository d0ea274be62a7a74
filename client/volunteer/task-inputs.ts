// Everything a leased task trains or evaluates on: the model state of its version and its data
// shards, downloaded once and cached (state shards by content hash, data shards by URL).
import type { ShardData } from '../data/batch.ts';
import { decodeShard } from '../data/shard-file.ts';
import type { LeasedTask, ShardTarget, StateManifestResponse } from '../../shared/protocol/index.ts';
import { decodeModelState, type ModelState } from '../../shared/state/index.ts';
import type { TaskInputs } from '../tasks/execute-task.ts';
import { ByteCache } from './byte-cache.ts';
import type { CoordinatorClient } from '../coordinator/index.ts';
import type { Fetched } from '../coordinator/index.ts';

export interface CacheBudget {
  stateBytes: number;
  dataBytes: number;
}

/** Room for a few versions of a small model and every shard of an MNIST-sized epoch. */
const DEFAULT_BUDGET: CacheBudget = { stateBytes: 64 << 20, dataBytes: 128 << 20 };

export class TaskInputCache {
  #manifests = new ByteCache<StateManifestResponse>(64);
  #stateShards: ByteCache<Uint8Array>;
  #dataShards: ByteCache<ShardData>;
  /** The last decoded state: eval and train tasks of one version share it. */
  #state: { hash: string; state: ModelState } | null = null;

  readonly #client: CoordinatorClient;

  constructor(client: CoordinatorClient, budget: CacheBudget = DEFAULT_BUDGET) {
    this.#client = client;
    this.#stateShards = new ByteCache(budget.stateBytes);
    this.#dataShards = new ByteCache(budget.dataBytes);
  }

  async load(task: LeasedTask, signal?: AbortSignal): Promise<Fetched<TaskInputs>> {
    const state = await this.state(task.stateUrl, signal);
    if (!state.ok) return state;
    const shards: ShardData[] = [];
    for (const target of task.shards) {
      const shard = await this.dataShard(target, signal);
      if (!shard.ok) return shard;
      shards.push(shard.value);
    }
    return { ok: true, value: { state: state.value, shards } };
  }

  async state(stateUrl: string, signal?: AbortSignal): Promise<Fetched<ModelState>> {
    let manifest = this.#manifests.get(stateUrl);
    if (!manifest) {
      const fetched = await this.#client.manifest(stateUrl, signal);
      if (!fetched.ok) return fetched;
      manifest = fetched.value;
      // Counted as one entry each: the budget of 64 is a number of versions, not bytes.
      this.#manifests.set(stateUrl, manifest, 1);
    }
    if (this.#state?.hash === manifest.hash) return { ok: true, value: this.#state.state };
    const shards: Uint8Array[] = [];
    for (const shard of manifest.shards) {
      let bytes = this.#stateShards.get(shard.hash);
      if (!bytes) {
        const fetched = await this.#client.bytes(shard.url, `state shard ${shard.index} of version ${manifest.version}`, signal);
        if (!fetched.ok) return fetched;
        bytes = fetched.value;
        this.#stateShards.set(shard.hash, bytes, bytes.length);
      }
      shards.push(bytes);
    }
    const decoded = decodeModelState(manifest, shards);
    // A shard that fails its hash may be a broken download: fetching it again can help.
    if (!decoded.ok) return { ok: false, error: `state of version ${manifest.version}: ${decoded.error}`, status: null, retry: true };
    this.#state = { hash: manifest.hash, state: decoded.value };
    return decoded;
  }

  async dataShard(target: ShardTarget, signal?: AbortSignal): Promise<Fetched<ShardData>> {
    const cached = this.#dataShards.get(target.url);
    if (cached) return { ok: true, value: cached };
    const name = `${target.split} shard ${target.index}`;
    const fetched = await this.#client.bytes(target.url, name, signal);
    if (!fetched.ok) return fetched;
    const decoded = decodeShard(fetched.value);
    if (!decoded.ok) return { ok: false, error: `${name} (${target.url}): ${decoded.error}`, status: null, retry: true };
    const { split, index, count } = decoded.value;
    if (split !== target.split || index !== target.index || count !== target.count) {
      const got = `${split} shard ${index} of ${count} images`;
      return { ok: false, error: `${target.url}: expected ${name} of ${target.count} images, the file holds ${got} (stale prepared data?)`, status: null, retry: false };
    }
    this.#dataShards.set(target.url, decoded.value, fetched.value.length);
    return { ok: true, value: decoded.value };
  }
}
