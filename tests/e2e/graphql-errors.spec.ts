import { Agent, request } from 'node:http';
import { errorCode, startTestApp, type TestApp } from '@roundtable/testing';
import { ProbeModule } from './fixtures/probe.module';

describe('GraphQL request pipeline: validation, limits, error gate', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      extraModules: [ProbeModule],
      env: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '40', BODY_LIMIT_BYTES: '2048' },
    });
  });
  afterAll(() => t.close());

  const echo = 'mutation Echo($input: ProbeInput!) { probeEcho(input: $input) }';

  it('keeps an idle connection open past a proxy’s own idle time, and says so', async () => {
    // nginx (deploy/nginx.conf) and load balancers keep upstream connections 60 s: the API must
    // not close one first, or a POST sent on it as it closes fails (create-server.ts).
    const agent = new Agent({ keepAlive: true });
    const keepAlive = await new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(t.gql.baseUrl);
      request(
        { agent, hostname, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(String(response.headers['keep-alive'])));
        },
      )
        .on('error', reject)
        .end(JSON.stringify({ query: '{ serverInfo { version } }' }));
    });
    agent.destroy();
    expect(keepAlive).toBe('timeout=65');
  });

  it('accepts valid input', async () => {
    const data = await t.gql.data(echo, { input: { text: 'hello', score: 2 } });
    expect(data).toEqual({ probeEcho: 'hello:2' });
  });

  it('tells every browser and proxy to keep no copy of an answer, or of a refusal', async () => {
    const post = (query: string) =>
      fetch(`${t.gql.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { input: { text: 'hello', score: 2 } } }),
      });
    for (const response of [await post(echo), await post('{ nothing }')]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      // Nothing is cached, so no answer is hashed for an ETag either (issue 18's profile).
      expect(response.headers.get('etag')).toBeNull();
    }
  });

  it.each([
    [{ text: '', score: 0 }, 'input.text'],
    [{ text: 'x'.repeat(21), score: 0 }, 'input.text'],
    [{ text: 'ok', score: 3 }, 'input.score'],
    [{ text: 'ok', score: -3 }, 'input.score'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (input, field) => {
    const response = await t.gql.request(echo, { input });
    expect(response.data).toBeFalsy();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(response.errors![0].message).toContain(field);
  });

  it('refuses a wrongly typed variable with BAD_USER_INPUT', async () => {
    const response = await t.gql.request(echo, { input: { text: 'ok', score: 'high' } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('accepts a query at the depth limit and refuses one level deeper', async () => {
    const nested = (depth: number) => `{ probeTree ${'{ child '.repeat(depth - 2)}{ level }${' }'.repeat(depth - 2)} }`;
    expect(await t.gql.data(nested(6))).toBeTruthy();
    const tooDeep = await t.gql.request(nested(7));
    expect(tooDeep.data).toBeUndefined();
    expect(tooDeep.status).toBe(400);
    expect(errorCode(tooDeep)).toBe('QUERY_TOO_DEEP');
    expect(tooDeep.errors![0].message).toMatch(/nested too deeply/);
  });

  it('follows fragments when measuring depth', async () => {
    const query = `
      query { probeTree { ...A } }
      fragment A on ProbeNode { child { child { ...B } } }
      fragment B on ProbeNode { child { child { child { level } } } }`;
    expect(errorCode(await t.gql.request(query))).toBe('QUERY_TOO_DEEP');
  });

  it('refuses an operation over the complexity limit before resolving anything', async () => {
    const fields = (count: number) =>
      Array.from({ length: count }, (_, i) => `a${i}: serverInfo { version time }`).join(' ');
    expect(await t.gql.data(`{ ${fields(10)} }`)).toBeTruthy();
    const tooComplex = await t.gql.request(`{ ${fields(20)} }`);
    expect(tooComplex.data).toBeUndefined();
    expect(tooComplex.status).toBe(400);
    expect(errorCode(tooComplex)).toBe('QUERY_TOO_COMPLEX');
    expect(tooComplex.errors![0].message).toMatch(/too complex/);
    // Estimates are kept per document (issue 18): the same document is refused again.
    expect(errorCode(await t.gql.request(`{ ${fields(20)} }`))).toBe('QUERY_TOO_COMPLEX');
  });

  it('prices a kept document by the variables of its @include and @skip each time', async () => {
    const more = (prefix: string) =>
      Array.from({ length: 10 }, (_, i) => `${prefix}${i}: serverInfo { version time }`).join(' ');
    const query = `query Grow($more: Boolean!, $less: Boolean!) {
      ${more('a')}
      ... on Query @include(if: $more) { ${more('b')} }
      ... on Query @skip(if: $less) { ${more('c')} }
    }`;
    const answers: unknown[] = [];
    for (const variables of [
      { more: false, less: true },
      { more: true, less: true },
      { more: false, less: true },
      { more: false, less: false },
      { more: false, less: true },
    ]) {
      const response = await t.gql.request(query, variables);
      answers.push(response.errors ? errorCode(response) : 'ANSWERED');
    }
    expect(answers).toEqual(['ANSWERED', 'QUERY_TOO_COMPLEX', 'ANSWERED', 'QUERY_TOO_COMPLEX', 'ANSWERED']);
  });

  it('refuses an oversized body with 413 and a GraphQL-shaped error', async () => {
    const response = await t.gql.post(
      JSON.stringify({ query: '{ serverInfo { version } }', padding: 'x'.repeat(4096) }),
    );
    expect(response.status).toBe(413);
    expect(errorCode(response)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with a GraphQL-shaped 400', async () => {
    const response = await t.gql.post('{"query": ');
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_REQUEST');
  });

  it('never leaks SQL, table names or data from a failed query', async () => {
    const response = await t.gql.request('{ probeBrokenSql }');
    const body = JSON.stringify(response);
    expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
    expect(response.errors![0].message).toBe('Internal server error');
    for (const leak of ['no_such_table', 'secret_column', 'hidden-name', 'SELECT', 'stack', 'QueryFailedError']) {
      expect(body).not.toContain(leak);
    }
  });

  it('never leaks an unexpected exception message or stack', async () => {
    const response = await t.gql.request('{ probeCrash }');
    const body = JSON.stringify(response);
    expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
    expect(body).not.toContain('/srv/secret/path');
    expect(body).not.toContain('stacktrace');
  });

  it('gives every error an extensions.code, including unknown fields and parse errors', async () => {
    expect(errorCode(await t.gql.request('{ noSuchField }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorCode(await t.gql.request('{ serverInfo { '))).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('serves health endpoints', async () => {
    const live = await fetch(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'up' } });
  });
});
