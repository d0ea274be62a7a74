import { describe, expect, it } from 'vitest';
import { importLeaseKey, signLeaseToken, verifyLeaseToken, type LeaseClaims } from './lease-token.ts';

const claims: LeaseClaims = { taskId: 't12', lease: 2, version: 5, deadline: 1_800_000_000_000 };

describe('lease tokens', () => {
  it('verifies a token it signed and returns its claims', async () => {
    const key = await importLeaseKey('secret');
    const token = await signLeaseToken(key, 'run-a', claims);
    expect(token).toMatch(/^v1\.t12\.2\.5\.1800000000000\./);
    expect(await verifyLeaseToken(key, 'run-a', token)).toEqual({ ok: true, claims });
  });

  it('refuses a token of another run, another secret or with an edited field', async () => {
    const key = await importLeaseKey('secret');
    const token = await signLeaseToken(key, 'run-a', claims);
    expect((await verifyLeaseToken(key, 'run-b', token)).ok).toBe(false);
    expect((await verifyLeaseToken(await importLeaseKey('other'), 'run-a', token)).ok).toBe(false);
    const later = token.replace('.1800000000000.', '.1900000000000.');
    expect(await verifyLeaseToken(key, 'run-a', later)).toEqual({ ok: false, error: expect.stringContaining('signature') });
  });

  it('refuses a malformed token before checking any signature', async () => {
    const key = await importLeaseKey('secret');
    expect(await verifyLeaseToken(key, 'run-a', 'v1.t1.0.0.0')).toEqual({ ok: false, error: expect.stringContaining('malformed') });
  });
});
