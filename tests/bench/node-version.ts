import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { satisfies } from 'semver';

/** The Node.js versions the product supports: `engines.node` in the root package.json. */
export interface NodeSupport {
  engines: string;
  supported: boolean;
}

interface RootPackage {
  name?: string;
  engines?: { node?: string };
}

/** The project's package.json, above this file whether it runs from tests/bench or dist/tests/bench. */
function rootPackage(): RootPackage {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const found = JSON.parse(readFileSync(file, 'utf8')) as RootPackage;
    if (found.name === 'roundtable') return found;
  }
  throw new Error(`No package.json of roundtable above ${__dirname}`);
}

/**
 * Whether a Node.js version is one the product supports. The bench runs the API on the Node
 * it runs on itself, and outside the range the figures are not the product's: on Node 20,
 * where AsyncLocalStorage (the audit scope, the request's input) runs on promise hooks, the
 * API spent 3.7–5.1 ms of CPU per read against 1.8–2.6 ms on Node 24 on the same machine,
 * while bare Apollo's hardly moved (issue 18, docs/benchmarks.md).
 */
export function nodeSupport(version = process.version): NodeSupport {
  const range = rootPackage().engines?.node ?? '*';
  return { engines: range, supported: satisfies(version, range) };
}
