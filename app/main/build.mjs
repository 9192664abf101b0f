// Bundles the Electron main process and the preload into app/dist/ (CommonJS, because the
// package is "type": "module" and a sandboxed preload must be a single CommonJS file).
// esbuild is the one vite and tsx already ship; `electron` stays external (the runtime provides
// it), and so do npm packages (electron-builder packs production dependencies into the asar).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `import.meta.url` is empty in a CommonJS bundle, yet the generator finds its templates with
 * `new URL('../../templates/', import.meta.url)`. Each source file gets the URL it would have in
 * the packaged app instead: app/dist/main.cjs sits two folders below the app root, and
 * electron-builder.yml ships templates/ next to it.
 */
const importMetaUrlPerFile = {
  name: 'import-meta-url-per-file',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const relative = path.relative(root, args.path).split(path.sep).join('/');
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', ${JSON.stringify(relative)})).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};
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

// `--out <dir>` builds elsewhere (tests); the app itself loads app/dist.
const outAt = process.argv.indexOf('--out');
const outDir = outAt > 0 ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'app', 'dist');

await build({ ...common, entryPoints: ['app/main/index.ts'], outfile: path.join(outDir, 'main.cjs'), packages: 'external', external: ['electron'], plugins: [importMetaUrlPerFile] });
await build({ ...common, entryPoints: ['app/preload/index.ts'], outfile: path.join(outDir, 'preload.cjs'), external: ['electron'] });
console.log(`built ${path.relative(root, outDir) || '.'}/main.cjs and preload.cjs`);
