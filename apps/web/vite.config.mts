import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The click-to-call URI builders are shared with the api; only that browser-safe file of libs/zoom is bundled.
  resolve: { alias: { '@switchboard/zoom/uri': fileURLToPath(new URL('../../libs/zoom/src/uri/phone-uris.ts', import.meta.url)) } },
  build: { outDir: '../../dist/apps/web', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: api, ws: true },
      '/oauth': api,
      '/webhooks': api,
      '/healthz': api,
      '/media': api,
      '/meetings': api,
    },
  },
});
