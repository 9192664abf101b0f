// Bundles the Electron main process and the preload into app/dist/ (CommonJS, because the
// package is "type": "module" and a sandboxed preload must be a single CommonJS file).
// esbuild is the one vite and tsx already ship; `electron` stays external (the runtime provides
// it), and so do npm packages (electron-builder packs production dependencies into the asar).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22 and Chromium 142.
  target: ['node22', 'chrome142'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['app/main/index.ts'], outfile: 'app/dist/main.cjs', packages: 'external', external: ['electron'] });
await build({ ...common, entryPoints: ['app/preload/index.ts'], outfile: 'app/dist/preload.cjs', external: ['electron'] });
console.log('built app/dist/main.cjs and app/dist/preload.cjs');
