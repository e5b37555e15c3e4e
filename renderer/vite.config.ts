import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer runs in Electron and in any browser; the core serves the built files at /.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // the console, and the sync pattern for a phone held in front of a camera (/sync.html)
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        sync: fileURLToPath(new URL('sync.html', import.meta.url)),
      },
    },
  },
  esbuild: { jsx: 'automatic' },
});
