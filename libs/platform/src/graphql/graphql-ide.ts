import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/config.schema';

/** Where the IDE's page loads its scripts and styles from: this server, never a CDN. */
export const GRAPHQL_IDE_ASSETS = '/graphql-ide';

/** The repository's vendor/react-18-umd, found upwards from this file (source or dist). */
function vendoredReact18(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'vendor', 'react-18-umd');
    if (existsSync(candidate)) return candidate;
  }
  return join(process.cwd(), 'vendor', 'react-18-umd');
}

/**
 * Files served from the project's own dependencies. GraphiQL 4 is the last line that ships
 * a prebuilt browser bundle, and it runs on React 18's browser builds. React 19 (the web
 * client's) ships none, so they are vendored in `vendor/react-18-umd/` (see its README).
 * Clinics' networks often block CDNs, so nothing here is fetched from elsewhere.
 */
function assetFiles(): Record<string, { path: string; type: string }> {
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  const react18 = vendoredReact18();
  return {
    'react.production.min.js': {
      path: join(react18, 'react.production.min.js'),
      type: 'text/javascript',
    },
    'react-dom.production.min.js': {
      path: join(react18, 'react-dom.production.min.js'),
      type: 'text/javascript',
    },
    'graphiql.min.js': { path: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
    'graphiql.min.css': { path: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  };
}

// A separate file rather than an inline script, so a strict Content-Security-Policy
// (script-src 'self') in front of the API still allows it.
const START_SCRIPT = `(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultHeaders: '{\\n  "Authorization": "Bearer <accessToken from the login mutation>"\\n}',
    defaultQuery: '# Sign in first (no Authorization header needed), then put the accessToken in Headers below.\\n' +
      'mutation SignIn {\\n  login(identifier: "cm@demo.test", password: "roundtable-demo") {\\n    accessToken\\n  }\\n}\\n'
  }));
})();
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Roundtable GraphQL</title>
    <link rel="stylesheet" href="${GRAPHQL_IDE_ASSETS}/graphiql.min.css" />
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading the GraphQL IDE…</div>
    <script src="${GRAPHQL_IDE_ASSETS}/react.production.min.js"></script>
    <script src="${GRAPHQL_IDE_ASSETS}/react-dom.production.min.js"></script>
    <script src="${GRAPHQL_IDE_ASSETS}/graphiql.min.js"></script>
    <script src="${GRAPHQL_IDE_ASSETS}/start.js"></script>
  </body>
</html>
`;

/** Whether this configuration serves the IDE: on outside production unless GRAPHQL_IDE=false. */
export function graphqlIdeEnabled(config: AppConfig): boolean {
  return config.GRAPHQL_IDE ?? config.NODE_ENV !== 'production';
}

/**
 * A browser that opens /graphql (GET, Accept: text/html) gets GraphiQL instead of Apollo's
 * CSRF refusal. Every other request to /graphql passes on to Apollo untouched; the IDE
 * itself sends ordinary POSTs with a JSON content type, so CSRF prevention stays on.
 * Introspection is allowed (the schema is the API's documentation); data still needs a
 * signed-in token.
 */
export function installGraphQLIde(app: INestApplication, config: AppConfig): void {
  if (!graphqlIdeEnabled(config)) return;
  const files = assetFiles();
  app.use(`${GRAPHQL_IDE_ASSETS}/:file`, (request: Request, response: Response, next: NextFunction) => {
    const name = String(request.params.file);
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (name === 'start.js') {
      response.type('text/javascript').send(START_SCRIPT);
      return;
    }
    const file = files[name];
    if (!file) return next();
    response.type(file.type).sendFile(file.path, { maxAge: '1h' });
  });
  app.use('/graphql', (request: Request, response: Response, next: NextFunction) => {
    if (
      request.method !== 'GET' ||
      request.path !== '/' ||
      // A browser prefers HTML; curl (*/*) and GraphQL clients (JSON) go on to Apollo.
      request.accepts(['application/json', 'text/html']) !== 'text/html'
    ) {
      return next();
    }
    response.type('text/html').send(PAGE);
  });
}
