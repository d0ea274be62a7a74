// The assigning object's SQLite tables: each run's latest demand (a row per run that is not over)
// and each volunteer's assignment with its latest ask. An unmeasured noise scale (Infinity) is
// stored as NULL.
import type { DemandView, VolunteerAssignment } from '../../shared/assign/index.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS demands (run_id TEXT PRIMARY KEY, run_group TEXT, priority INTEGER NOT NULL, useful_width INTEGER NOT NULL, noise_scale REAL);
  CREATE TABLE IF NOT EXISTS assignments (volunteer TEXT PRIMARY KEY, run_id TEXT NOT NULL, seen_at INTEGER NOT NULL);
`;

type DemandRow = { run_id: string; run_group: string | null; priority: number; useful_width: number; noise_scale: number | null };

type AssignmentRow = { volunteer: string; run_id: string; seen_at: number };

export class AssignmentStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(SCHEMA);
  }

  demands(): DemandView[] {
    return this.#sql.exec<DemandRow>('SELECT run_id, run_group, priority, useful_width, noise_scale FROM demands').toArray().map((row) => ({
      id: row.run_id, group: row.run_group, priority: row.priority, usefulWidth: row.useful_width, noiseScale: row.noise_scale ?? Infinity,
    }));
  }

  saveDemand(runId: string, demand: DemandView | null): void {
    if (demand === null) {
      this.#sql.exec('DELETE FROM demands WHERE run_id = ?', runId);
      return;
    }
    const noiseScale = Number.isFinite(demand.noiseScale) ? demand.noiseScale : null;
    this.#sql.exec('INSERT OR REPLACE INTO demands (run_id, run_group, priority, useful_width, noise_scale) VALUES (?, ?, ?, ?, ?)', runId, demand.group, demand.priority, demand.usefulWidth, noiseScale);
  }

  assignments(): [string, VolunteerAssignment][] {
    return this.#sql.exec<AssignmentRow>('SELECT volunteer, run_id, seen_at FROM assignments').toArray().map((row) => [row.volunteer, { runId: row.run_id, seenAt: row.seen_at }]);
  }

  /** null: the volunteer was told to wait and counts for no run. */
  saveAssignment(volunteer: string, runId: string | null, seenAt: number): void {
    if (runId === null) this.#sql.exec('DELETE FROM assignments WHERE volunteer = ?', volunteer);
    else this.#sql.exec('INSERT OR REPLACE INTO assignments (volunteer, run_id, seen_at) VALUES (?, ?, ?)', volunteer, runId, seenAt);
  }

  forgetAssignmentsBefore(cutoff: number): void {
    this.#sql.exec('DELETE FROM assignments WHERE seen_at < ?', cutoff);
  }
}
