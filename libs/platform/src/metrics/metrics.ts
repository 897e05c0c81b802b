import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Operation names are chosen by clients: past this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * This process's Prometheus metrics (served at /metrics). One registry per app, not
 * prom-client's global one, so several apps in one process (tests) never collide.
 * Node's defaults include event-loop lag (nodejs_eventloop_lag_seconds) and heap use.
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly operations = new Counter({
    name: 'roundtable_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name, type and outcome (ok or error).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'roundtable_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its answer, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  /** A gauge read when Prometheus scrapes (no timers of our own). */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** A gauge with one labelled value per key, read when Prometheus scrapes. */
  labelledGauge(
    name: string,
    help: string,
    label: string,
    read: () => Record<string, number> | Promise<Record<string, number>>,
  ): void {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      async collect() {
        for (const [key, value] of Object.entries(await read())) this.set({ [label]: key }, value);
      },
    });
  }

  recordOperation(name: string | undefined, type: string, seconds: number, failed: boolean): void {
    const operation = this.boundedName(name);
    this.operations.inc({ operation, type, outcome: failed ? 'error' : 'ok' });
    this.latency.observe({ operation, type }, seconds);
  }

  private boundedName(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}
