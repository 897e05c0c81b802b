import type { SubjectCatalogue } from './permission-declaration';

/** The server itself: facts about no person, answered without signing in. */
export const SERVER_PERMISSIONS = {
  'server.readInfo': {
    subject: 'server',
    whoMay: 'Anyone, signed in or not: the API version and the server’s time, nothing about any person.',
    rules: [11],
    enforcedIn: [
      { file: 'libs/platform/src/server-info/server-info.resolver.ts', at: 'ServerInfoResolver.serverInfo' },
    ],
  },
  'server.checkHealth': {
    subject: 'server',
    whoMay:
      'Anyone, signed in or not (the load balancer, the orchestrator): whether the process answers and reaches its database, nothing about any person.',
    rules: [11],
    enforcedIn: [
      { file: 'libs/platform/src/health/health.controller.ts', at: 'HealthController.live' },
      { file: 'libs/platform/src/health/health.controller.ts', at: 'HealthController.ready' },
    ],
  },
  'server.scrapeMetrics': {
    subject: 'server',
    whoMay:
      'The operator’s monitoring (Prometheus) on the internal network, without signing in: counts and timings, no participant data. The public proxy answers 404 for it, with or without a trailing slash.',
    rules: [11],
    enforcedIn: [
      { file: 'libs/platform/src/metrics/metrics.controller.ts', at: 'MetricsController.scrape' },
      { file: 'deploy/nginx.conf', at: 'location ~* ^/metrics(/|$)' },
    ],
  },
} satisfies SubjectCatalogue;
