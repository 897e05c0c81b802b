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
  await app.get(RealtimeGateway).attach(app.getHttpServer());
  return app;
}
