import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { logLevel, prettyTransport } from './log-options';
import { REDACTED_PATHS } from './redaction';

/** Structured logs (pino; pretty in development, JSON elsewhere) with credentials redacted wherever they appear. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: logLevel(config),
          transport: prettyTransport(config),
          redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
          // GraphQL bodies can hold passwords and plan content; log the request line only.
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            // The status is what an operator reads; serializing and redacting every answer's
            // headers was a third of the access log's cost (issue 18's edit profile).
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: { url?: string }) => req.url?.startsWith('/health') ?? false },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
