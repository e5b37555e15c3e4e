import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer runs in Electron and in any browser; the core serves the built files at /.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  esbuild: { jsx: 'automatic' },
});
