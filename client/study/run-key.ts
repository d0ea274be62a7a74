// A run's key: the hash of its config without the labels (name, group, priority), so the same run asked for
// by two studies, or twice, is trained once and its result file found again.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { sha256Hex } from '../../shared/state/sha256.ts';
import { encodeUtf8 } from '../../shared/state/utf8.ts';

/** JSON with object keys sorted at every level: equal configs give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function runKey(config: RunConfig): string {
  const { name: _name, group: _group, priority: _priority, ...trained } = config;
  return sha256Hex(encodeUtf8(canonicalJson(trained))).slice(0, 16);
}
