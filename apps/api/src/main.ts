import 'reflect-metadata';
import { ConfigError, loadConfig } from '@roundtable/platform';
import { startServer } from '@roundtable/server';

/** Process entry point: validate config, start, stop cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Roundtable did not stop cleanly after ${signal}: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`Roundtable could not start: ${message}`);
  process.exit(1);
});
