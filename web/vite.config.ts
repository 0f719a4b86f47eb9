// The dashboard's build: `vite build --config web/vite.config.ts` writes web/dist, which
// `nextbest serve` serves at /. In development, `vite --config web/vite.config.ts` proxies /v1 to a
// running server (NEXTBEST_URL, default http://127.0.0.1:8080).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/v1': process.env.NEXTBEST_URL ?? 'http://127.0.0.1:8080' },
  },
});
