import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configSchema } from '@roundtable/platform';

interface ComposeService {
  image?: string;
  build?: string;
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

  it.each(apis)('%s builds from the Dockerfile and gets a real database, Redis and a secret', (name) => {
    const api = services[name];
    expect(api.build).toBe('.');
    expect(existsSync('Dockerfile')).toBe(true);
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
    expect(proxy.depends_on).toEqual(apis);
    const mounted = proxy.volumes![0].split(':')[0];
    const nginx = readFileSync(mounted, 'utf8');
    for (const name of apis) expect(nginx).toContain(`server ${name}:3000`);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
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
