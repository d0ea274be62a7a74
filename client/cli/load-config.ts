// Reads a run config from --preset NAME or --config FILE, with errors a person can act on.
import { readFileSync } from 'node:fs';
import { presetConfig } from '../../shared/config/presets.ts';
import { parseRunConfig, type ConfigParse } from '../../shared/config/run-config.ts';

export function loadRunConfig(preset: string | undefined, configFile: string | undefined): ConfigParse {
  if (preset && configFile) return { ok: false, error: 'give either --preset or --config, not both' };
  if (preset) return presetConfig(preset);
  if (!configFile) return { ok: false, error: 'give --preset NAME or --config FILE' };
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    return { ok: false, error: `cannot read config ${configFile}: ${(error as Error).message}` };
  }
  const parsed = parseRunConfig(input);
  return parsed.ok ? parsed : { ok: false, error: `config ${configFile}: ${parsed.error}` };
}
