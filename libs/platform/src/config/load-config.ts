import { randomBytes } from 'node:crypto';
import { configSchema, type AppConfig } from './config.schema';

/** A start-up configuration problem, described in one line an operator can act on. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates the environment once at start-up. Throws ConfigError naming every bad variable
 * (never echoing its value: a DATABASE_URL can hold a password).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  // Outside production a missing secret is generated per process: tokens simply stop
  // working after a restart, which is fine for trying Roundtable out.
  return { ...config, JWT_SECRET: config.JWT_SECRET ?? randomBytes(32).toString('base64url') };
}
