// The run's SQLite tables: run record and config (JSON rows), model versions (manifest per
// version, shards by content hash), the round's tasks, their deltas, and the volunteers.
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { StateManifest } from '../../shared/state/index.ts';
import type { RunRecord, TaskRecord, Volunteer } from '../../shared/run/index.ts';

/** A SQLite row holds at most 2 MB; deltas are stored in parts well below that. */
const DELTA_PART_BYTES = 1_048_576;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS versions (version INTEGER PRIMARY KEY, manifest TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS shards (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS deltas (task TEXT NOT NULL, part INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (task, part));
  CREATE TABLE IF NOT EXISTS volunteers (id TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** An ArrayBuffer holding exactly the view's bytes, as SQLite binds it. */
const exactBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

export class RunStore {
  #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    this.#sql.exec(SCHEMA);
  }

  #meta<T>(key: string): T | null {
    const row = this.#sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0];
    return row ? (JSON.parse(row.value) as T) : null;
  }

  #setMeta(key: string, value: unknown): void {
    this.#sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, JSON.stringify(value));
  }

  // Rows are written only by this class from validated values, so reading them back needs no schema.
  readRun(): RunRecord | null {
    return this.#meta<RunRecord>('run');
  }

  writeRun(run: RunRecord): void {
    this.#setMeta('run', run);
  }

  readConfig(): RunConfig | null {
    return this.#meta<RunConfig>('config');
  }

  writeConfig(config: RunConfig): void {
    this.#setMeta('config', config);
  }

  writeVersion(version: number, manifest: StateManifest, shards: Uint8Array[]): void {
    manifest.shards.forEach((shard, i) => {
      this.#sql.exec('INSERT OR IGNORE INTO shards (hash, bytes) VALUES (?, ?)', shard.hash, exactBuffer(shards[i]!));
    });
    this.#sql.exec('INSERT OR REPLACE INTO versions (version, manifest) VALUES (?, ?)', version, JSON.stringify(manifest));
  }

  readManifest(version: number): StateManifest | null {
    const row = this.#sql.exec<{ manifest: string }>('SELECT manifest FROM versions WHERE version = ?', version).toArray()[0];
    return row ? (JSON.parse(row.manifest) as StateManifest) : null;
  }

  readShard(hash: string): Uint8Array | null {
    const row = this.#sql.exec<{ bytes: ArrayBuffer }>('SELECT bytes FROM shards WHERE hash = ?', hash).toArray()[0];
    return row ? new Uint8Array(row.bytes) : null;
  }

  /** Drops every version not in `keep`, then every shard no kept manifest names. */
  collectGarbage(keep: readonly number[]): void {
    const versions = this.#sql.exec<{ version: number; manifest: string }>('SELECT version, manifest FROM versions').toArray();
    const live = new Set<string>();
    for (const row of versions) {
      if (keep.includes(row.version)) {
        for (const shard of (JSON.parse(row.manifest) as StateManifest).shards) live.add(shard.hash);
      } else {
        this.#sql.exec('DELETE FROM versions WHERE version = ?', row.version);
      }
    }
    for (const { hash } of this.#sql.exec<{ hash: string }>('SELECT hash FROM shards').toArray()) {
      if (!live.has(hash)) this.#sql.exec('DELETE FROM shards WHERE hash = ?', hash);
    }
  }

  readTasks(): TaskRecord[] {
    return this.#sql.exec<{ value: string }>('SELECT value FROM tasks').toArray().map((row) => JSON.parse(row.value) as TaskRecord);
  }

  writeTask(task: TaskRecord): void {
    this.#sql.exec('INSERT OR REPLACE INTO tasks (id, value) VALUES (?, ?)', task.id, JSON.stringify(task));
  }

  /** The tasks of a new round replace the old round's, whose deltas go with them. */
  replaceTasks(tasks: readonly TaskRecord[]): void {
    this.#sql.exec('DELETE FROM tasks');
    this.#sql.exec('DELETE FROM deltas');
    for (const task of tasks) this.writeTask(task);
  }

  writeDelta(taskId: string, bytes: Uint8Array): void {
    for (let part = 0; part * DELTA_PART_BYTES < bytes.length || part === 0; part++) {
      const chunk = bytes.subarray(part * DELTA_PART_BYTES, (part + 1) * DELTA_PART_BYTES);
      this.#sql.exec('INSERT OR REPLACE INTO deltas (task, part, bytes) VALUES (?, ?, ?)', taskId, part, exactBuffer(chunk));
    }
  }

  readDelta(taskId: string): Uint8Array {
    const parts = this.#sql.exec<{ bytes: ArrayBuffer }>('SELECT bytes FROM deltas WHERE task = ? ORDER BY part', taskId).toArray();
    const out = new Uint8Array(parts.reduce((sum, row) => sum + row.bytes.byteLength, 0));
    let offset = 0;
    for (const row of parts) {
      out.set(new Uint8Array(row.bytes), offset);
      offset += row.bytes.byteLength;
    }
    return out;
  }

  readVolunteers(): Volunteer[] {
    return this.#sql.exec<{ value: string }>('SELECT value FROM volunteers').toArray().map((row) => JSON.parse(row.value) as Volunteer);
  }

  writeVolunteer(volunteer: Volunteer): void {
    this.#sql.exec('INSERT OR REPLACE INTO volunteers (id, value) VALUES (?, ?)', volunteer.id, JSON.stringify(volunteer));
  }
}
