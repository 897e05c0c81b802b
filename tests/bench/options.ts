/** Command-line options and the profiles (full, --quick, and --scaling: scaling.ts). */
export interface BenchOptions {
  quick: boolean;
  /** The "how cost grows" table instead (issue 18): plan size, fan-out, API processes. */
  scaling: boolean;
  jsonFile?: string;
  /** Rooms (plans) and clients per room for the realtime run. */
  rooms: number;
  clientsPerRoom: number;
  /** Edits per second across all rooms, by GraphQL mutation. */
  editsPerSecond: number;
  /** How long edits are sent for. */
  editSeconds: number;
  /** Concurrent requests and duration of each read run. */
  readConcurrency: number;
  readSeconds: number;
  /** Idle authenticated sockets for the memory figure. */
  idleSockets: number;
  /** Phases to skip (comma list: realtime, reads, memory, baselines), for profiling. */
  skip: Set<string>;
}

const PROFILES = {
  full: {
    rooms: 150,
    clientsPerRoom: 20,
    editsPerSecond: 300,
    editSeconds: 60,
    readConcurrency: 32,
    readSeconds: 20,
    idleSockets: 5000,
  },
  quick: {
    rooms: 30,
    clientsPerRoom: 10,
    editsPerSecond: 60,
    editSeconds: 20,
    readConcurrency: 32,
    readSeconds: 8,
    idleSockets: 1000,
  },
  /** Short points (scaling.ts): reads 5 s each, edits 8 s each at the fan-out and saturation points. */
  scaling: {
    rooms: 10,
    clientsPerRoom: 50,
    editsPerSecond: 20,
    editSeconds: 8,
    readConcurrency: 32,
    readSeconds: 5,
    idleSockets: 0,
  },
} as const;

const USAGE = `npm run bench -- [--quick | --scaling] [--json FILE] [--rooms N] [--clients N] [--rate N] [--edit-seconds N]
                     [--read-seconds N] [--read-concurrency N] [--idle-sockets N] [--skip realtime,reads,memory]

--scaling measures how cost grows instead (plan size, sockets per room, API processes; about
5 minutes); of the options above it takes --json, --read-seconds and --edit-seconds.

Database: DATABASE_URL names a PostgreSQL server; the bench creates (and first drops) its own
database "roundtable_bench" there. Without DATABASE_URL it starts an embedded PostgreSQL.`;

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const scaling = argv.includes('--scaling');
  if (quick && scaling) {
    console.error(`--quick and --scaling are separate profiles: give one\n\n${USAGE}`);
    process.exit(2);
  }
  const options: BenchOptions = {
    quick,
    scaling,
    ...PROFILES[quick ? 'quick' : scaling ? 'scaling' : 'full'],
    skip: new Set(),
  };
  const numbers: Record<string, keyof BenchOptions> = {
    '--rooms': 'rooms',
    '--clients': 'clientsPerRoom',
    '--rate': 'editsPerSecond',
    '--edit-seconds': 'editSeconds',
    '--read-seconds': 'readSeconds',
    '--read-concurrency': 'readConcurrency',
    '--idle-sockets': 'idleSockets',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick' || arg === '--scaling') continue;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[i + 1];
    if (arg === '--json' && value) {
      options.jsonFile = value;
      i++;
    } else if (arg === '--skip' && value) {
      for (const phase of value.split(',')) options.skip.add(phase.trim());
      i++;
    } else if (numbers[arg] && value && Number.isFinite(Number(value)) && Number(value) > 0) {
      (options as unknown as Record<string, number>)[numbers[arg]] = Number(value);
      i++;
    } else {
      console.error(`Unknown or incomplete option: ${arg}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  if (options.clientsPerRoom < 2) {
    console.error('--clients must be at least 2 (one editor and at least one peer)');
    process.exit(2);
  }
  return options;
}
