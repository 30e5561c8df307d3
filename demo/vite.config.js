// Vite build of the playground: index.html + src/ → dist/ (a static folder). The engine
// Worker (src/engine-worker.js) and pgmicro.wasm (from ../js, the pg-micro package) are
// emitted as separate assets, loaded after the page.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  server: { fs: { allow: ['..'] }, headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
});
