import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The click-to-call URI builders are shared with the api; only that browser-safe file of libs/zoom is bundled.
  resolve: { alias: { '@switchboard/zoom/uri': fileURLToPath(new URL('../../libs/zoom/src/uri/phone-uris.ts', import.meta.url)) } },
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    // No source maps in the production build: the api would otherwise hand the whole source to anyone who asks.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code, so they get their own long-cached chunks; every route then
        // downloads only the page chunks it uses (the login page: react, apollo and itself).
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 2 },
            { name: 'vendor-apollo', test: /node_modules[\\/](@apollo|graphql|graphql-ws|@wry|optimism|rxjs|tslib|zen-observable-ts|ts-invariant)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
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
