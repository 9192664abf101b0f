// Builds the canvas into app/renderer/dist, served by `stormsmith studio` and loaded by Electron.
// `base: './'` keeps asset URLs relative so both shells can serve the same build.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: process.env.STORMSMITH_RENDERER_OUT ?? fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // One chunk set, no source maps in the shipped build: deterministic and small.
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
  logLevel: 'warn',
});
