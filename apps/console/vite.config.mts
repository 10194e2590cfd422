import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npx vite apps/console` serves the console with hot reload and proxies /graphql (HTTP
 * and the graphql-ws socket) to a running manager: SHOAL_API, default the one `npm start`
 * runs. `vite build` writes dist/, which the manager serves on its API port.
 */
const api = process.env.SHOAL_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The SDK's typed documents, from source (libs/sdk/src/graphql.ts).
  resolve: { alias: { '@shoal/sdk': fileURLToPath(new URL('../../libs/sdk/src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true },
  server: {
    proxy: {
      '/graphql': {
        target: api,
        ws: true,
        changeOrigin: true,
        // The manager takes the session cookie on a socket only from its own origin: the proxied socket comes from it.
        configure: (proxy) => proxy.on('proxyReqWs', (req) => req.setHeader('origin', new URL(api).origin)),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
