// `npm run dev`: the API (built once, on :3000) and Vite's hot-reloading client on :5173,
// which proxies /graphql and /realtime to the API. Ctrl-C stops both.
import { spawn, execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['tools/build.mjs'], { stdio: 'inherit' });
const children = [
  spawn(process.execPath, ['dist/apps/api/src/main.js'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'apps/web/vite.config.mts'], {
    stdio: 'inherit',
  }),
];
const stop = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) => child.on('exit', stop));
