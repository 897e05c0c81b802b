import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, NOT_FOUND_MESSAGE } from '@roundtable/contracts';

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/**
 * Export routes answer with the same error codes as GraphQL, as HTTP statuses and a small
 * JSON body. Anything hidden answers exactly like an unknown id: 404 with one fixed body
 * (PRODUCT.md rule 11). Nothing else (stack, SQL, hidden data) leaves the server.
 */
@Catch()
export class ExportErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    let status = 500;
    let code = 'INTERNAL_SERVER_ERROR';
    let message = 'Something went wrong while preparing this export';
    let field: unknown;
    if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && STATUS[error.extensions.code]) {
      code = error.extensions.code;
      status = STATUS[code];
      message = code === ErrorCode.NOT_FOUND ? NOT_FOUND_MESSAGE : error.message;
      field = error.extensions.field;
    } else if (error instanceof HttpException && error.getStatus() === 404) {
      status = 404;
      code = ErrorCode.NOT_FOUND;
      message = NOT_FOUND_MESSAGE;
    }
    response.setHeader('Cache-Control', 'no-store');
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(status).json({ error: { code, message, ...(field ? { field } : {}) } });
  }
}
