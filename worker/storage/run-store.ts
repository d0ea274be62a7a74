// The run's SQLite tables: run record and config (JSON rows), model versions (manifest per
// version, shards by content hash, the outer optimizer's momentum), the round's tasks, their deltas
// (a row per chunk of coordinates), and the volunteers. The tables are made by the run's first
// write, so an object that never held a run stays empty.
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { StateManifest } from '../../shared/state/index.ts';
import type { RunRecord, TaskRecord, Volunteer } from '../../shared/run/index.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS versions (version INTEGER PRIMARY KEY, manifest TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS shards (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS deltas (task TEXT NOT NULL, lease INTEGER NOT NULL, chunk INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (task, lease, chunk));
  CREATE TABLE IF NOT EXISTS outer (version INTEGER NOT NULL, chunk INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (version, chunk));
  CREATE TABLE IF NOT EXISTS volunteers (id TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** An ArrayBuffer holding exactly the view's bytes, as SQLite binds it. */
const exactBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

export class RunStore {
  #sql: SqlStorage;
  #tables: boolean;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    this.#tables = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray().length > 0;
  }

  /** The connection for writes, with the tables made first if this is the run's first write. */
  get #write(): SqlStorage {
    if (!this.#tables) this.#sql.exec(SCHEMA);
    this.#tables = true;
    return this.#sql;
  }

  #meta<T>(key: string): T | null {
    if (!this.#tables) return null;
    const row = this.#sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0];
    return row ? (JSON.parse(row.value) as T) : null;
  }

  #setMeta(key: string, value: unknown): void {
    this.#write.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, JSON.stringify(value));
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
      this.#write.exec('INSERT OR IGNORE INTO shards (hash, bytes) VALUES (?, ?)', shard.hash, exactBuffer(shards[i]!));
    });
    this.#write.exec('INSERT OR REPLACE INTO versions (version, manifest) VALUES (?, ?)', version, JSON.stringify(manifest));
  }

  readManifest(version: number): StateManifest | null {
    if (!this.#tables) return null;
    const row = this.#sql.exec<{ manifest: string }>('SELECT manifest FROM versions WHERE version = ?', version).toArray()[0];
    return row ? (JSON.parse(row.manifest) as StateManifest) : null;
  }

  readShard(hash: string): Uint8Array | null {
    if (!this.#tables) return null;
    const row = this.#sql.exec<{ bytes: ArrayBuffer }>('SELECT bytes FROM shards WHERE hash = ?', hash).toArray()[0];
    return row ? new Uint8Array(row.bytes) : null;
  }

  /** Chunks (at most DELTA_CHUNK coordinates each, a row well below SQLite's 2 MB) of a version's outer momentum. */
  writeOuter(version: number, chunks: readonly Uint8Array[]): void {
    chunks.forEach((bytes, chunk) => this.#write.exec('INSERT OR REPLACE INTO outer (version, chunk, bytes) VALUES (?, ?, ?)', version, chunk, exactBuffer(bytes)));
  }

  readOuter(version: number): Uint8Array[] {
    if (!this.#tables) return [];
    return this.#sql.exec<{ bytes: ArrayBuffer }>('SELECT bytes FROM outer WHERE version = ? ORDER BY chunk', version).toArray().map((row) => new Uint8Array(row.bytes));
  }

  /** Drops every version not in `keep` with its outer momentum, then every shard no kept manifest names. */
  collectGarbage(keep: readonly number[]): void {
    const versions = this.#sql.exec<{ version: number; manifest: string }>('SELECT version, manifest FROM versions').toArray();
    const live = new Set<string>();
    for (const row of versions) {
      if (keep.includes(row.version)) {
        for (const shard of (JSON.parse(row.manifest) as StateManifest).shards) live.add(shard.hash);
      } else {
        this.#write.exec('DELETE FROM versions WHERE version = ?', row.version);
        this.#write.exec('DELETE FROM outer WHERE version = ?', row.version);
      }
    }
    for (const { hash } of this.#sql.exec<{ hash: string }>('SELECT hash FROM shards').toArray()) {
      if (!live.has(hash)) this.#write.exec('DELETE FROM shards WHERE hash = ?', hash);
    }
  }

  readTasks(): TaskRecord[] {
    return this.#sql.exec<{ value: string }>('SELECT value FROM tasks').toArray().map((row) => JSON.parse(row.value) as TaskRecord);
  }

  writeTask(task: TaskRecord): void {
    this.#write.exec('INSERT OR REPLACE INTO tasks (id, value) VALUES (?, ?)', task.id, JSON.stringify(task));
  }

  /** The tasks of a new round replace the old round's, whose deltas go with them. */
  replaceTasks(tasks: readonly TaskRecord[]): void {
    this.#write.exec('DELETE FROM tasks');
    this.#write.exec('DELETE FROM deltas');
    for (const task of tasks) this.writeTask(task);
  }

  /** A report's delta chunks (chunked-delta.ts), a row each, by its task and lease. */
  writeDelta(taskId: string, lease: number, chunks: readonly Uint8Array[]): void {
    chunks.forEach((bytes, chunk) => this.#write.exec('INSERT OR REPLACE INTO deltas (task, lease, chunk, bytes) VALUES (?, ?, ?, ?)', taskId, lease, chunk, exactBuffer(bytes)));
  }

  readDeltaChunk(taskId: string, lease: number, chunk: number): Uint8Array {
    const row = this.#sql.exec<{ bytes: ArrayBuffer }>('SELECT bytes FROM deltas WHERE task = ? AND lease = ? AND chunk = ?', taskId, lease, chunk).toArray()[0];
    if (!row) throw new Error(`RunStore.readDeltaChunk: lease ${lease} of task ${taskId} has no stored chunk ${chunk}`);
    return new Uint8Array(row.bytes);
  }

  readVolunteers(): Volunteer[] {
    return this.#sql.exec<{ value: string }>('SELECT value FROM volunteers').toArray().map((row) => JSON.parse(row.value) as Volunteer);
  }

  writeVolunteer(volunteer: Volunteer): void {
    this.#write.exec('INSERT OR REPLACE INTO volunteers (id, value) VALUES (?, ?)', volunteer.id, JSON.stringify(volunteer));
  }

  deleteVolunteer(id: string): void {
    this.#write.exec('DELETE FROM volunteers WHERE id = ?', id);
  }
}
