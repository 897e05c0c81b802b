import { SetMetadata } from '@nestjs/common';
import type { PermissionName } from '@roundtable/contracts';

export const PERMISSION = 'roundtable:permission';

/**
 * Declares which named permission an operation (a GraphQL query or mutation, an HTTP route)
 * is checked against. It declares, it does not check: the check runs where the catalogue
 * (libs/access/src/policies/*.permissions.ts) says, and tests/e2e/permission-declarations.spec.ts
 * fails for any operation without one (ARCHITECTURE.md "Who may do what is one policy too").
 * Method-level only, so every operation names its own.
 */
export const Permission = (name: PermissionName): MethodDecorator => SetMetadata(PERMISSION, name);

/** The permission a handler declared with @Permission, if any. */
export function declaredPermission(handler: object): PermissionName | undefined {
  return Reflect.getMetadata(PERMISSION, handler) as PermissionName | undefined;
}
