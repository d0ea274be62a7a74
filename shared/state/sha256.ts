// SHA-256, synchronous: state shards are content-addressed by it on every side, and Web Crypto's
// digest is async and absent from the pure shared/ build. @noble/hashes is audited and has no
// dependencies.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** SHA-256 of `bytes` as 64 lowercase hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
