// Who a volunteer is: a secret key it makes for itself and never shows, sent with each lease
// request, report and release; and the label everyone may see, derived from the key one way, so
// nothing public lets one volunteer act as another.
import { z } from 'zod';
import { sha256Hex } from '../state/sha256.ts';
import { encodeUtf8 } from '../state/utf8.ts';

/** 32 random bytes in base64url are 43 characters; shorter keys are too easy to guess. */
export const VOLUNTEER_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** The key as every request that carries it parses it. */
export const VolunteerKeySchema = z.string().regex(VOLUNTEER_KEY_PATTERN, 'volunteerKey: the volunteer\'s own secret, 32-128 characters of A-Z a-z 0-9 _ -');

export const volunteerLabel = (key: string): string => `v-${sha256Hex(encodeUtf8(`autogrow-volunteer\n${key}`)).slice(0, 16)}`;
