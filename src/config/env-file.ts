import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory when there is one, with Node's own
 * parser (`.env.example` tells users to copy it). Variables already set in
 * the environment win over the file.
 */
export function loadEnvFile(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
