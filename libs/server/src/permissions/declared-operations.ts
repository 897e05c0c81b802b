import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import type { PermissionName } from '@roundtable/contracts';
import { declaredPermission } from '@roundtable/platform';
import { CLIENT_EVENTS, SOCKET_EVENT_PERMISSIONS } from '@roundtable/realtime';

/** How a caller reaches an operation. */
export type OperationKind = 'Query' | 'Mutation' | 'Subscription' | 'HTTP' | 'socket';

const GRAPHQL_ROOTS = new Set<string>(['Query', 'Mutation', 'Subscription']);

/** One operation a caller can reach, and the permission it declared (if any). */
export interface DeclaredOperation {
  kind: OperationKind;
  /** The GraphQL field, `GET /path`, or the socket event. */
  name: string;
  /** Where it is handled: `Class.method`, or the gateway for a socket event. */
  handler: string;
  /** Absent when nothing was declared: the permission-declarations test lists every such operation. */
  permission: PermissionName | undefined;
}

type Handler = (...args: unknown[]) => unknown;

/** A provider's or controller's class: its name, and the prototype its handlers live on. */
interface ClassLike {
  readonly name: string;
  readonly prototype: object;
}

/** Each class once (a provider registered in two modules is still one set of operations). */
function classesOf(wrappers: { metatype: unknown }[]): ClassLike[] {
  const classes = wrappers
    .map((wrapper) => wrapper.metatype)
    .filter((metatype): metatype is ClassLike => typeof metatype === 'function' && Boolean(metatype.prototype));
  return [...new Set(classes)];
}

function methodsOf(scanner: MetadataScanner, type: ClassLike): { name: string; handler: Handler }[] {
  const prototype = type.prototype as Record<string, Handler>;
  return scanner.getAllMethodNames(prototype).map((name) => ({ name, handler: prototype[name] }));
}

function routePath(controller: ClassLike, handler: Handler): string {
  const parts = [Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler)]
    .map((part: unknown) => String(part ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean);
  // `\$everything` is the route syntax for a literal `$`; callers write `$everything`.
  return `/${parts.join('/')}`.replaceAll('\\', '');
}

/**
 * Every operation the running app exposes, read from Nest's own metadata (the @Query and
 * @Mutation decorators, controller routes) rather than from any list we keep, and from
 * the gateway's event declarations: so an operation added without @Permission shows up here
 * with no permission instead of going unnoticed.
 */
export function declaredOperations(app: INestApplication): DeclaredOperation[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const operations: DeclaredOperation[] = [];

  for (const type of classesOf(discovery.getProviders())) {
    for (const { name, handler } of methodsOf(scanner, type)) {
      const root: unknown = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler);
      if (typeof root !== 'string' || !GRAPHQL_ROOTS.has(root)) continue;
      operations.push({
        kind: root as OperationKind,
        name: (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? name,
        handler: `${type.name}.${name}`,
        permission: declaredPermission(handler),
      });
    }
  }

  for (const type of classesOf(discovery.getControllers())) {
    for (const { name, handler } of methodsOf(scanner, type)) {
      const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
      if (typeof method !== 'number') continue;
      operations.push({
        kind: 'HTTP',
        name: `${RequestMethod[method]} ${routePath(type, handler)}`,
        handler: `${type.name}.${name}`,
        permission: declaredPermission(handler),
      });
    }
  }

  for (const event of CLIENT_EVENTS) {
    operations.push({
      kind: 'socket',
      name: event,
      handler: 'RealtimeGateway',
      permission: SOCKET_EVENT_PERMISSIONS[event],
    });
  }
  return operations;
}
