// Lease tokens: "v1.<taskId>.<lease>.<version>.<deadline>.<signature>", the signature an
// HMAC-SHA256 (WebCrypto) over the run id and those fields, so only this coordinator can mint one.

import { fail, ok, type Result } from '../../shared/result/index.ts';
import type { LeaseClaims } from '../../shared/run/lease-claims.ts';

export type { LeaseClaims };

const TOKEN_PATTERN = /^v1\.t([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,15})\.([A-Za-z0-9_-]{43})$/;

export function importLeaseKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

function signedText(runId: string, claims: LeaseClaims): Uint8Array {
  return new TextEncoder().encode(`autogrow-lease\n${runId}\n${claims.taskId}\n${claims.lease}\n${claims.version}\n${claims.deadline}`);
}

const toBase64Url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const formatToken = (claims: LeaseClaims, signature: Uint8Array): string =>
  `v1.${claims.taskId}.${claims.lease}.${claims.version}.${claims.deadline}.${toBase64Url(signature)}`;

export async function signLeaseToken(key: CryptoKey, runId: string, claims: LeaseClaims): Promise<string> {
  return formatToken(claims, new Uint8Array(await crypto.subtle.sign('HMAC', key, signedText(runId, claims))));
}

/** Checks form and signature only; whether the lease is still held is the run's business. */
export async function verifyLeaseToken(key: CryptoKey, runId: string, token: string): Promise<Result<LeaseClaims>> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return fail('lease token is malformed: expected v1.<taskId>.<lease>.<version>.<deadline>.<signature>');
  const claims: LeaseClaims = { taskId: `t${Number(match[1])}`, lease: Number(match[2]), version: Number(match[3]), deadline: Number(match[4]) };
  const signature = fromBase64Url(match[5]!);
  // One lease has one token: leading zeros or stray bits in the signature's last character would
  // otherwise decode to the same claims and bytes, so the token is re-spelled and compared.
  if (formatToken(claims, signature) !== token) {
    return fail('lease token is not in canonical form (leading zeros, or stray bits in the signature): send the token exactly as leased');
  }
  const valid = await crypto.subtle.verify('HMAC', key, signature, signedText(runId, claims));
  return valid ? ok(claims) : fail('lease token signature does not verify: not issued by this coordinator for this run');
}
