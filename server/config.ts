import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatPath, type HallConfig, hallConfigSchema } from '../shared/config-schema.ts';

export const DEMO_CONFIG = fileURLToPath(new URL('../config/demo-hall.json', import.meta.url));

/** An unusable hall configuration; the message names the file and the field. */
export class ConfigError extends Error {}

export function parseConfig(raw: unknown, source = 'config'): HallConfig {
  const result = hallConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((i) => `  ${formatPath(i.path) || '(root)'}: ${i.message}`);
  throw new ConfigError(`Invalid hall configuration ${source}:\n${lines.join('\n')}`);
}

export async function loadConfig(path = process.env.HALL_CONFIG ?? DEMO_CONFIG): Promise<HallConfig> {
  return (await readHallFile(path)).config;
}

/**
 * The hall file and a hash of what it says (its JSON, not its spacing): the store keeps the
 * hash of the file it was seeded or last updated from, so a changed file is taken at start.
 */
export async function readHallFile(path = process.env.HALL_CONFIG ?? DEMO_CONFIG): Promise<{ config: HallConfig; hash: string }> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read hall configuration ${file}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Hall configuration ${file} is not valid JSON: ${(e as Error).message}`);
  }
  return { config: parseConfig(raw, file), hash: createHash('sha256').update(JSON.stringify(raw)).digest('hex') };
}
