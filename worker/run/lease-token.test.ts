import { describe, expect, it } from 'vitest';
import { importLeaseKey, signLeaseToken, verifyLeaseToken, type LeaseClaims } from './lease-token.ts';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const claims: LeaseClaims = { taskId: 't12', lease: 2, version: 5, deadline: 1_800_000_000_000 };

describe('lease tokens', () => {
  it('verifies a token it signed and returns its claims', async () => {
    const key = await importLeaseKey('secret');
    const token = await signLeaseToken(key, 'run-a', claims);
    expect(token).toMatch(/^v1\.t12\.2\.5\.1800000000000\./);
    expect(await verifyLeaseToken(key, 'run-a', token)).toEqual({ ok: true, value: claims });
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

  it('verifies only the canonical spelling: no leading zeros, no stray bits in the signature', async () => {
    const key = await importLeaseKey('secret');
    const token = await signLeaseToken(key, 'run-a', claims);
    const [, taskId, lease, version, deadline, signature] = token.split('.') as [string, string, string, string, string, string];
    const last = BASE64URL.indexOf(signature.at(-1)!);
    const variants = [
      ['v1', taskId, '0' + lease, version, deadline, signature],
      ['v1', taskId, lease, '00' + version, deadline, signature],
      ['v1', taskId, lease, version, '0' + deadline, signature],
      // 32 bytes are 256 bits; the 43rd character carries 4 of them and 2 bits no decoder reads.
      ['v1', taskId, lease, version, deadline, signature.slice(0, -1) + BASE64URL[last + 1]!],
      ['v1', taskId, lease, version, deadline, signature.slice(0, -1) + BASE64URL[last + 3]!],
      ['v1', 't0' + taskId.slice(1), lease, version, deadline, signature],
    ].map((fields) => fields.join('.'));
    for (const variant of variants) {
      expect(variant).not.toBe(token);
      const check = await verifyLeaseToken(key, 'run-a', variant);
      expect(check.ok, variant).toBe(false);
      expect(check, variant).toEqual({ ok: false, error: expect.stringContaining('canonical') });
    }
    expect((await verifyLeaseToken(key, 'run-a', token)).ok).toBe(true);
  });
});
