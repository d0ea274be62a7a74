// A run's id: 32 hex digits (16 random bytes), made by the coordinator when the run is created.
import { z } from 'zod';

export const RUN_ID_PATTERN = /^[0-9a-f]{32}$/;

export const RunIdSchema = z.string().regex(RUN_ID_PATTERN, 'a run id is 32 hex digits');
