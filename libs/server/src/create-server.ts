import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import {
  GraphQLErrorPassThroughFilter,
  IdempotencyInputInterceptor,
  InputValidationPipe,
  installJsonBodyParser,
} from '@roundtable/platform';
import { RealtimeGateway } from '@roundtable/realtime';
import { ServerModule, type ServerOptions } from './server.module';

export interface CreateServerOptions extends ServerOptions {
  /** Extra modules mounted beside the product's (tests use this for fixtures). */
  extraModules?: ModuleMetadata['imports'];
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
  app.useLogger(app.get(Logger));
  app.set('trust proxy', options.config.TRUST_PROXY);
  app.disable('x-powered-by');
  installJsonBodyParser(app, options.config.BODY_LIMIT_BYTES);
  app.useGlobalPipes(new InputValidationPipe());
  app.useGlobalFilters(new GraphQLErrorPassThroughFilter(app.getHttpAdapter()));
  app.useGlobalInterceptors(new IdempotencyInputInterceptor());
  await app.get(RealtimeGateway).attach(app.getHttpServer());
  return app;
}
