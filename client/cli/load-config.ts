// Reads a run config from --preset NAME or --config FILE, with errors a person can act on.
import { readFileSync } from 'node:fs';
import { presetConfig } from '../../shared/config/presets.ts';
import { parseRunConfig, type RunConfig } from '../../shared/config/run-config.ts';
import { fail, type Result } from '../../shared/result/index.ts';

export function loadRunConfig(preset: string | undefined, configFile: string | undefined): Result<RunConfig> {
  if (preset && configFile) return fail('give either --preset or --config, not both');
  if (preset) return presetConfig(preset);
  if (!configFile) return fail('give --preset NAME or --config FILE');
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    return fail(`cannot read config ${configFile}: ${(error as Error).message}`);
  }
  const parsed = parseRunConfig(input);
  return parsed.ok ? parsed : fail(`config ${configFile}: ${parsed.error}`);
}
