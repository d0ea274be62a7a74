// Bookkeeping of the volunteers a run has seen: backend, last contact, images processed.
import type { Volunteer } from './run-record.ts';

export function seeVolunteer(known: Volunteer | undefined, id: string, backend: string, now: number): Volunteer {
  return { id, backend, lastSeen: now, samples: known?.samples ?? 0, reports: known?.reports ?? 0 };
}

export function creditVolunteer(known: Volunteer | undefined, id: string, backend: string, samples: number, now: number): Volunteer {
  const seen = seeVolunteer(known, id, backend, now);
  return { ...seen, samples: seen.samples + samples, reports: seen.reports + 1 };
}
