// Vite's configuration for the test app: only the two pages as inputs — nothing about
// pg-micro or WebAssembly (zero-config is what the suite checks).
export default {
  logLevel: 'warn',
  build: {
    outDir: 'dist-vite',
    rollupOptions: { input: { main: 'index.html', worker: 'worker.html' } },
  },
};
