import type { LoggerService } from '@nestjs/common';

/**
 * Nest's start-up chatter: one line per module initialised and per route mapped (about 30
 * at every start). It says nothing an operator acts on, so it goes to debug.
 */
const START_UP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);
const ROUTE_MAPPED = /^Mapped \{/;

/** Nest's logger (nestjs-pino) with start-up chatter moved from info to debug. */
export class QuietNestLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    const chatter =
      (typeof context === 'string' && START_UP_CONTEXTS.has(context)) ||
      (typeof message === 'string' && ROUTE_MAPPED.test(message));
    if (chatter) this.inner.debug?.(message, ...rest);
    else this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
