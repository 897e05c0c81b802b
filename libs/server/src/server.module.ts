import { Module, type DynamicModule } from '@nestjs/common';
import {
  Clock,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  MetricsModule,
  PlatformGraphQLModule,
  ServerInfoResolver,
  type AppConfig,
} from '@roundtable/platform';
import { AccessModule } from '@roundtable/access';
import { CareTeamModule } from '@roundtable/care-team';
import { ConferenceModule } from '@roundtable/conference';
import { IdentityModule } from '@roundtable/identity';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ExportsModule } from '@roundtable/exports';
import { OutcomesModule } from '@roundtable/outcomes';
import { PlanModule } from '@roundtable/plan';
import { RealtimeModule } from '@roundtable/realtime';
import { persistence } from './persistence';
import { OutboxLagRepository } from './outbox-lag.repository';
import { ServerMetrics } from './server-metrics';

export interface ServerOptions {
  config: AppConfig;
  /** The database to use: DATABASE_URL, or the embedded server's URL. */
  databaseUrl: string;
  clock: Clock;
}

/** The composition root: which modules make up the Roundtable API. */
@Module({})
export class ServerModule {
  static forRoot(options: ServerOptions): DynamicModule {
    return {
      module: ServerModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule,
        MetricsModule,
        DatabaseModule.forRoot(options.databaseUrl, persistence),
        PlatformGraphQLModule,
        HealthModule,
        IdentityModule,
        CareTeamModule,
        AccessModule,
        PlanModule,
        OutcomesModule,
        ConferenceModule,
        RealtimeModule,
        ExportsModule,
        EventEmitterModule.forRoot(),
      ],
      providers: [{ provide: Clock, useValue: options.clock }, ServerInfoResolver, ServerMetrics, OutboxLagRepository],
      exports: [Clock],
    };
  }
}
