import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiOrigin = process.env.ROUNDTABLE_API ?? 'http://127.0.0.1:3000';

/**
 * `npm run dev`: hot reload on :5173 with /graphql and /realtime proxied to the API.
 * `npm run build:web`: hashed files into dist/apps/web, which the API serves at /.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: { '@roundtable/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    emptyOutDir: true,
    // Everything the page needs ships in the bundle: no CDN (clinics' networks block them).
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': { target: apiOrigin, changeOrigin: false },
      '/realtime': { target: apiOrigin, ws: true, changeOrigin: false },
    },
  },
});
