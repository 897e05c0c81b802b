import type { Server } from 'node:http';
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import {
  GraphQLErrorPassThroughFilter,
  IdempotencyInputInterceptor,
  InputValidationPipe,
  installGraphQLIde,
  installJsonBodyParser,
  QuietNestLogger,
  type InFlightRequests,
} from '@roundtable/platform';
import { RealtimeGateway } from '@roundtable/realtime';
import { ServerModule, type ServerOptions } from './server.module';
import { installWebClient } from './web-client';

export interface CreateServerOptions extends ServerOptions {
  /** Extra modules mounted beside the product's (tests use this for fixtures). */
  extraModules?: ModuleMetadata['imports'];
  /** Counts requests being answered, for a graceful stop (startServer passes one). */
  inFlight?: InFlightRequests;
}

/** Builds the Nest application (not yet listening) exactly as production runs it. */
export async function createServer(options: CreateServerOptions): Promise<INestApplication> {
  @Module({ imports: [ServerModule.forRoot(options), ...(options.extraModules ?? [])] })
  class RootModule {}

  const app = await NestFactory.create<NestExpressApplication>(RootModule, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new QuietNestLogger(app.get(Logger)));
  app.set('trust proxy', options.config.TRUST_PROXY);
  app.disable('x-powered-by');
  // Express hashes every answer's body for a weak ETag (SHA-1 over ~36 KB for the plan
  // screen, issue 18's profile). Every API answer is `Cache-Control: no-store` and the
  // web client's files get their ETags from the static file server, so nothing uses it.
  app.disable('etag');
  // Browsers on other origins (a web client served elsewhere) only with CORS_ORIGINS;
  // by default no cross-origin browser may call the API.
  if (options.config.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: options.config.CORS_ORIGINS, credentials: true, methods: ['GET', 'POST'], maxAge: 600 });
  }
  options.inFlight?.install(app);
  installJsonBodyParser(app, options.config.BODY_LIMIT_BYTES);
  installGraphQLIde(app, options.config);
  app.useGlobalPipes(new InputValidationPipe());
  app.useGlobalFilters(new GraphQLErrorPassThroughFilter(app.getHttpAdapter()));
  app.useGlobalInterceptors(new IdempotencyInputInterceptor());
  installWebClient(app, options.config.WEB_DIST_DIR);
  keepIdleConnectionsPastProxies(app.getHttpServer());
  await app.get(RealtimeGateway).attach(app.getHttpServer());
  return app;
}

/**
 * Idle keep-alive connections stay open longer than the proxies in front of the API keep
 * theirs (nginx's upstream `keepalive_timeout` and most load balancers: 60 s). With Node's
 * default of 5 s the API closed connections nginx (deploy/nginx.conf) still meant to reuse,
 * and a POST sent on one just as it closed failed as a reset, which nginx cannot retry (a
 * likely cause of the rare ECONNRESET the bench's load generator saw, issue 18). The headers
 * timeout must outlast it, or a request arriving at the end of the idle time is cut off.
 */
export const KEEP_ALIVE_MS = 65_000;

function keepIdleConnectionsPastProxies(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}
