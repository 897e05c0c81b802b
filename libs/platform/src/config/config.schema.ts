import { z } from 'zod';

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a postgres:// URL with a host, e.g. postgres://user:password@127.0.0.1:5432/roundtable');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** A comma-separated list of browser origins, e.g. `https://care.example.org,http://localhost:5173`. */
const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .refine(
    (origins) =>
      origins.every((origin) => {
        try {
          const url = new URL(origin);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
        } catch {
          return false;
        }
      }),
    'must be a comma-separated list of origins such as https://care.example.org (scheme, host and port only)',
  );

/**
 * Every environment variable Roundtable reads. The README's configuration table mirrors
 * this schema; keep them together.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: postgresUrl.optional(),
    REDIS_URL: z
      .string()
      .trim()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    /**
     * API processes on this machine (node:cluster): 1 by default. More use more cores; their
     * sockets hear each other through the cluster adapter (or Redis when REDIS_URL is set).
     */
    API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(60 * 60 * 24 * 30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    SEED_DEMO: booleanFlag.optional(),
    DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    TRUST_PROXY: booleanFlag.default(false),
    LOGIN_RATE_LIMIT_PER_ACCOUNT: positiveInt.default(5),
    LOGIN_RATE_LIMIT_PER_ADDRESS: positiveInt.default(30),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
    OUTBOX_SWEEP_MS: positiveInt.default(1000),
    REALTIME_RECHECK_MS: positiveInt.default(5000),
    BREAK_GLASS_MINUTES: positiveInt.max(24 * 60).default(60),
    /** A clinician's next break-glass for the same participant within this many hours needs a supervisor's approval. */
    BREAK_GLASS_REPEAT_WINDOW_HOURS: positiveInt.max(24 * 30).default(24),
    GRAPHQL_MAX_DEPTH: positiveInt.default(12),
    GRAPHQL_MAX_COMPLEXITY: positiveInt.default(2000),
    GRAPHQL_MAX_ALIASES: positiveInt.default(50),
    BODY_LIMIT_BYTES: positiveInt.default(100 * 1024),
    CORS_ORIGINS: originList.default([]),
    GRAPHQL_IDE: booleanFlag.optional(),
    WEB_DIST_DIR: z.string().min(1).default('dist/apps/web'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.SEED_DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['SEED_DEMO'],
        message: 'must not be set in production (demo accounts share a known password)',
      });
    }
    if (!env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (the embedded database is for trying Roundtable out)',
      });
    }
  });

export type AppConfig = z.output<typeof configSchema>;
