import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { badUserInput } from './app-errors';
import { findTextProblem } from './text-input';

class FieldProblem {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

function firstProblem(errors: ValidationError[], prefix: string): FieldProblem | undefined {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraint = error.constraints && Object.values(error.constraints)[0];
    if (constraint) return new FieldProblem(field, constraint);
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Validates every resolver argument that is a class-validator input type and answers the
 * first problem as BAD_USER_INPUT with `extensions.field` = the argument path
 * (`input.text`). Unknown properties are refused rather than silently dropped. Before
 * that, every string in every argument passes the shared text check (text-input.ts).
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) => firstProblem(errors, '') ?? new FieldProblem('', 'is not valid'),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Every string a client sends, in every argument (custom decorators such as the signed-in
    // actor are the server's own values): NUL, lone surrogates and blank text never reach a
    // service or PostgreSQL (ARCHITECTURE.md "Errors and limits": never a 500 for bad input).
    if (metadata.type !== 'custom') {
      const text = findTextProblem(value, metadata.data ?? '');
      if (text) {
        const field = text.field || 'input';
        throw badUserInput(field, `${field}: ${text.message}`);
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      const field = [metadata.data, error.field].filter(Boolean).join('.') || 'input';
      throw badUserInput(field, `${field}: ${error.message}`);
    }
  }
}
