// The list of runs: one singleton Durable Object that only records which runs exist; each run's
// own object answers for its summary.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from './env.ts';

export const REGISTRY_NAME = 'registry';

export class RunRegistry extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec('CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL)');
  }

  add(id: string, createdAt: number): void {
    this.#sql.exec('INSERT OR IGNORE INTO runs (id, created_at) VALUES (?, ?)', id, createdAt);
  }

  /** Whether a run of this id was ever created: the check every run route makes before touching its object. */
  has(id: string): boolean {
    return this.#sql.exec('SELECT 1 FROM runs WHERE id = ?', id).toArray().length > 0;
  }

  /** Newest first. */
  list(limit: number): string[] {
    return this.#sql.exec<{ id: string }>('SELECT id FROM runs ORDER BY created_at DESC, id LIMIT ?', limit).toArray().map((row) => row.id);
  }
}
