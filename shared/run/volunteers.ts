// Bookkeeping of the volunteers a run has seen: backend, last contact, images processed, and how
// often their replicated results agreed with other volunteers'.
import type { Volunteer } from './run-record.ts';

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
