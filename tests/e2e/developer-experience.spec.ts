import { getIntrospectionQuery, buildClientSchema, type IntrospectionQuery } from 'graphql';
import { startTestApp, type TestApp } from '@roundtable/testing';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const STANDARD_INTROSPECTION = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});

/** Production, with a database these requests never reach. */
const PRODUCTION = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://unused.example/roundtable',
};

/** A browser's CORS preflight for a POST to /graphql from `origin`. */
function preflight(url: string, origin: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' },
  });
}

jest.setTimeout(60_000);

describe('developer experience: introspection, the GraphQL IDE and CORS', () => {
  describe('in development (the defaults)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { NODE_ENV: 'development', LOG_LEVEL: 'silent' } });
    }, 120_000);
    afterAll(() => t.close());

    it("answers graphql-js's standard introspection query over HTTP without errors", async () => {
      const result = await t.gql.request<IntrospectionQuery>(STANDARD_INTROSPECTION);
      expect(result.errors).toBeUndefined();
      const schema = buildClientSchema(result.data!);
      expect(schema.getQueryType()?.getFields()).toHaveProperty('caseload');
    });

    it('gives only introspection its allowance: a deep data query is still refused at the depth limit', async () => {
      // Introspection mixed with data fields counts against the ordinary limit.
      const typeRef = (depth: number): string => (depth === 0 ? 'name' : `name ofType { ${typeRef(depth - 1)} }`);
      const mixed = `{ me { id } __schema { types { fields { type { ${typeRef(12)} } } } } }`;
      const refused = await t.gql.request(mixed);
      expect(refused.errors?.[0]?.message).toMatch(/Query is nested too deeply: the limit is 12 levels/);
      // And an introspection-only query deeper than the standard one is refused too.
      const tooDeep = `{ __schema { types { fields { type { ${typeRef(30)} } } } } }`;
      expect((await t.gql.request(tooDeep)).errors?.[0]?.message).toMatch(/Query is nested too deeply/);
    });

    it('a browser opening /graphql gets GraphiQL, loaded from this server only (no CDN)', async () => {
      const page = await fetch(`${t.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<div id="graphiql">');
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
      expect(assets.length).toBe(5);
      for (const asset of assets) {
        expect(asset).toMatch(/^\/graphql-ide\//); // same origin: nothing from the internet
        const response = await fetch(`${t.url}${asset}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(
          asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
        );
        expect((await response.text()).length).toBeGreaterThan(100);
      }
    });

    it('GraphQL clients on GET /graphql still reach Apollo (CSRF prevention stays on)', async () => {
      const response = await fetch(`${t.url}/graphql?query=%7B__typename%7D`, {
        headers: { accept: 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/CSRF/i);
    });

    it('answers no cross-origin browser by default (CORS_ORIGINS is empty)', async () => {
      const answer = await preflight(t.url, 'https://elsewhere.example');
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        env: {
          ...PRODUCTION,
          CORS_ORIGINS: 'https://care.example.org, http://localhost:5173',
        },
      });
    }, 120_000);
    afterAll(() => t.close());

    it('serves no IDE unless GRAPHQL_IDE=true', async () => {
      const page = await fetch(`${t.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
      expect((await fetch(`${t.url}/graphql-ide/graphiql.min.js`)).status).toBe(404);
    });

    it('lets the listed origins call the API from a browser, and no other', async () => {
      const allowed = await preflight(t.url, 'https://care.example.org');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://care.example.org');
      const post = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const other = await preflight(t.url, 'https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('in production with GRAPHQL_IDE=true', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        env: {
          ...PRODUCTION,
          GRAPHQL_IDE: 'true',
        },
      });
    }, 120_000);
    afterAll(() => t.close());

    it('serves the IDE', async () => {
      const page = await fetch(`${t.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/graphql-ide/graphiql.min.js');
    });
  });
});
