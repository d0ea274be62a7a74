// Bookkeeping of the volunteers a run has seen: backend, last contact, images processed, and how
// often their replicated results agreed with other volunteers'.
import type { Volunteer } from './run-record.ts';

/** Records a run keeps; past this the longest unseen are forgotten, so scripted ids cannot grow its rows. */
export const MAX_VOLUNTEER_RECORDS = 1000;
/** A volunteer unseen this long is forgotten: if it comes back, it starts with no credit and no strikes. */
export const FORGET_AFTER_MS = 7 * 86_400_000;

/**
 * The volunteers to forget as a new one arrives: those unseen for FORGET_AFTER_MS, then the longest
 * unseen beyond MAX_VOLUNTEER_RECORDS (the newcomer counted). Volunteers in `busy` (holding a lease
 * or a replica waiting for its quorum) are kept whatever their age.
 */
export function volunteersToForget(volunteers: ReadonlyMap<string, Volunteer>, busy: ReadonlySet<string>, now: number): string[] {
  const idle = [...volunteers.values()].filter((v) => !busy.has(v.id)).sort((a, b) => a.lastSeen - b.lastSeen);
  const stale = idle.filter((v) => now - v.lastSeen > FORGET_AFTER_MS).length;
  const over = volunteers.size + 1 - MAX_VOLUNTEER_RECORDS;
  return idle.slice(0, Math.min(idle.length, Math.max(stale, over))).map((v) => v.id);
}

export function seeVolunteer(known: Volunteer | undefined, id: string, backend: string, now: number): Volunteer {
  return { id, backend, lastSeen: now, samples: known?.samples ?? 0, reports: known?.reports ?? 0, agreements: known?.agreements ?? 0, strikes: known?.strikes ?? 0 };
}

/** A replicated result of the volunteer's agreed with the quorum (or did not). */
export function judgeVolunteer(known: Volunteer, agreed: boolean): Volunteer {
  return agreed ? { ...known, agreements: known.agreements + 1 } : { ...known, strikes: known.strikes + 1 };
}

export function creditVolunteer(known: Volunteer | undefined, id: string, backend: string, samples: number, now: number): Volunteer {
  const seen = seeVolunteer(known, id, backend, now);
  return { ...seen, samples: seen.samples + samples, reports: seen.reports + 1 };
}
