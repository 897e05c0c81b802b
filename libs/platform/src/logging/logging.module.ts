import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { logLevel, prettyTransport } from './log-options';
import { REDACTED_PATHS } from './redaction';

/** Structured logs (pino; pretty in development, JSON elsewhere) with credentials redacted wherever they appear. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const transport = prettyTransport(config);
        const options = {
          level: logLevel(config),
          transport,
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
        };
        // JSON lines to stdout, written asynchronously: lines asked for while a write is under
        // way go out together in the next one, and the writing is off the event loop. Written
        // synchronously line by line, the access log took 6 % of the API's busy time at 300
        // edits/s (issue 18's profile). pino writes what is left synchronously at exit.
        if (transport) return { pinoHttp: options };
        return { pinoHttp: [options, pino.destination({ dest: 1, sync: false })] };
      },
    }),
  ],
})
export class LoggingModule {}
