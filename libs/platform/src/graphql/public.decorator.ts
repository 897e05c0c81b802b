import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'roundtable:isPublic';

/**
 * The deliberate opt-out from authentication. Every resolver method and controller route
 * needs a signed-in account unless it carries this decorator.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
