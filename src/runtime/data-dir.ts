import dotenv from 'dotenv';
import { resolve } from 'node:path';

/** Where runtime state lives (the persisted index, the question database): `DATA_DIR`, default ./data. */
export const DEFAULT_DATA_DIR = 'data';

/**
 * `DATA_DIR` for a terminal command (`ask`, `gaps`), as the bot reads it: the environment first,
 * then `.env`, else ./data; resolved against the working directory. Nothing else from `.env` is set.
 */
export function dataDirFromEnvironment(): string {
  const dotEnv: Record<string, string> = {};
  dotenv.config({ quiet: true, processEnv: dotEnv });
  return resolve(process.env.DATA_DIR?.trim() || dotEnv.DATA_DIR?.trim() || DEFAULT_DATA_DIR);
}
