// Compiles apps/ and libs/ with SWC into dist/, rewriting @roundtable/* imports to
// relative paths (see .swcrc.json). Type checking is `npm run typecheck`, not this.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    'node_modules/@swc/cli/bin/swc.js',
    'apps',
    'libs',
    '-d',
    'dist',
    '--config-file',
    '.swcrc.json',
    '--ignore',
    '**/*.spec.ts',
    '--quiet',
  ],
  { stdio: 'inherit' },
);
