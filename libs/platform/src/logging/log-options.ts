import type { LoggerOptions } from 'pino';
import type { AppConfig } from '../config/config.schema';

/** The log level: LOG_LEVEL, else silent under test and info otherwise. */
export function logLevel(config: AppConfig): string {
  return config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'silent' : 'info');
}

/**
 * Readable, coloured lines in development (pino-pretty, in pino's worker thread so the API
 * never waits on formatting); one JSON object per line everywhere else, for log collectors.
 */
export function prettyTransport(config: AppConfig): LoggerOptions['transport'] {
  if (config.NODE_ENV !== 'development') return undefined;
  return {
    target: 'pino-pretty',
    options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
  };
}
