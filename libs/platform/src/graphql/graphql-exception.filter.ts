import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Nest's default handler logs every error a resolver throws at error level, NOT_FOUND and a
 * wrong password included. In a GraphQL operation the error is passed on untouched: Apollo's
 * formatError (format-error.ts) decides what the client sees and logs it once, at info/warn
 * for client errors and at error only for server faults. Other contexts (HTTP routes) keep
 * Nest's default behaviour.
 */
@Catch()
export class GraphQLErrorPassThroughFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<GqlContextType>() === 'graphql') throw exception;
    super.catch(exception, host);
  }
}
