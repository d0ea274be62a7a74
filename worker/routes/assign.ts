// POST /api/assign: which run a volunteer that names none should work for next (the assigning
// object decides); no run with room is an answer too, with how long to wait before asking again.
import { Hono } from 'hono';
import { AssignRequestSchema, volunteerLabel, type AssignAnswer } from '../../shared/protocol/index.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody } from '../http/json-body.ts';
import { ASSIGNER_NAME } from '../run-assigner.ts';

/**
 * Room opens when a round closes or a run ends. A run itself holds a volunteer it has no task for
 * at most this long (MAX_BUSY_WAIT_SECONDS), and one ask every 5 s per idle volunteer is one small
 * step of the assigner each.
 */
const NO_ROOM_WAIT_SECONDS = 5;

export const assign = new Hono<AppEnv>();

assign.post('/', async (c) => {
  const { volunteerKey, current } = await jsonBody(c, AssignRequestSchema);
  const assigned = await c.env.ASSIGNER.getByName(ASSIGNER_NAME).assign(volunteerLabel(volunteerKey), current ?? null, Date.now());
  const answer: AssignAnswer = assigned ?? { runId: null, waitSeconds: NO_ROOM_WAIT_SECONDS };
  return c.json(answer);
});
