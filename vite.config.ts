import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = `http://localhost:${process.env.PORT || 53000}`;

// Two pages: the Teams tab (/tab/) and the Outlook pane (/pane/), built into dist/web — and, for demo
// mode only (the server serves it nowhere else), the harness playing Outlook around the pane (/harness/).
export default defineConfig({
  root: path.resolve('src'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve('dist/web'),
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: what each page loads first (bench/tab.ts sums it).
    manifest: true,
    rollupOptions: {
      input: {
        tab: path.resolve('src/tab/index.html'),
        pane: path.resolve('src/pane/index.html'),
        harness: path.resolve('src/harness/index.html'),
      },
    },
  },
  server: { port: 5173, proxy: { '/api': backend, '/auth': backend } },
});
