import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { unauthenticated } from '@roundtable/platform';
import type { Actor } from './actor';
import { requestOf } from './auth.guard';

/** The signed-in Actor (the AuthGuard has already refused anonymous callers). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw unauthenticated();
  return actor;
});

/** The Actor when signed in, undefined otherwise: for @Public() operations that behave differently. */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | undefined => requestOf(context).actor ?? undefined,
);
