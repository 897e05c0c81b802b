import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults for a bare environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.JWT_SECRET).toHaveLength(43);
  });

  it('refuses a DATABASE_URL that is not a postgres URL, without echoing it', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/roundtable' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('names every bad variable in one line', () => {
    try {
      loadConfig({ PORT: 'eighty', GRAPHQL_MAX_DEPTH: '-1' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/GRAPHQL_MAX_DEPTH/);
      expect(message).not.toContain('\n');
    }
  });

  it('requires a JWT secret and a real database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required in production.*DATABASE_URL is required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/rt', JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/rt', JWT_SECRET: 'x'.repeat(32) });
    expect(config.JWT_SECRET).toBe('x'.repeat(32));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
