import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { BeforeAnswer, beforeAnswerPlugin } from './before-answer';
import { complexityLimitPlugin } from './complexity.plugin';
import { noStorePlugin } from './no-store.plugin';
import { depthLimitRule } from './depth-limit.rule';
import { createFormatError } from './format-error';
import { aliasLimitRule, knownOperationTypeRule } from './operation-rules';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin';
import { Metrics } from '../metrics/metrics';
import { DateTimeScalar } from './date-time.scalar';

/** What every resolver can read from the GraphQL context. */
export interface GraphQLRequestContext {
  req: Request;
  /** For the web client's refresh-token cookie (Set-Cookie); nothing else writes to it. */
  res: Response;
  /** What the operation's fields leave to be done before its answer is sent (the audit rows). */
  beforeAnswer: BeforeAnswer;
}

/** The Apollo driver, code-first, with the limits and error gate from ARCHITECTURE.md. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, Metrics],
      useFactory: (config: AppConfig, metrics: Metrics): ApolloDriverConfig => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
        playground: false,
        introspection: true,
        includeStacktraceInErrorResponses: false,
        autoTransformHttpErrors: false,
        csrfPrevention: true,
        context: ({ req, res }: { req: Request; res: Response }): GraphQLRequestContext => ({
          req,
          res,
          beforeAnswer: new BeforeAnswer(),
        }),
        validationRules: [
          depthLimitRule(config.GRAPHQL_MAX_DEPTH),
          aliasLimitRule(config.GRAPHQL_MAX_ALIASES),
          knownOperationTypeRule,
        ],
        plugins: [
          // No type carries cache hints and every answer is no-store (noStorePlugin): Apollo's
          // cache-control plugin would only wrap every field resolver to compute that.
          ApolloServerPluginCacheControlDisabled(),
          noStorePlugin(),
          complexityLimitPlugin(config.GRAPHQL_MAX_COMPLEXITY),
          graphqlMetricsPlugin(metrics),
          beforeAnswerPlugin(new Logger('GraphQL')),
        ],
        formatError: createFormatError(new Logger('GraphQL')),
      }),
    }),
  ],
})
export class PlatformGraphQLModule {}
