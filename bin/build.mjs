#!/usr/bin/env node
// Builds what the package ships, once, instead of at every start (docs/adr/0020):
//   dist/stormsmith.js (+ chunks)  the CLI, bundled by esbuild, one lazily loaded chunk per command
//   dist/index.js                  the programmatic API (generator/api.ts)
//   dist/load-worker.cjs           the model-loading worker thread
//   dist/types/                    type declarations of the API (tsc)
//   app/renderer/dist/             the canvas (vite), served by `stormsmith studio`
// `prepare` (npm ci / npm install in a clone) and `prepack` (npm pack / publish) run it with
// --if-stale: dist/build-stamp.json records a hash of every input file of each part, and a part
// whose inputs are unchanged is not rebuilt. --check only reports staleness (exit 1 if stale).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(root, 'dist');
const STAMP = path.join(DIST, 'build-stamp.json');
const RENDERER_OUT = path.join(root, 'app/renderer/dist');
const LOCK = path.join(root, '.stormsmith-build.lock');
/** Inputs of every part besides the files the bundlers report. */
const COMMON_INPUTS = ['package.json', 'package-lock.json', 'bin/build.mjs'];

const rel = (file) => path.relative(root, file).split(path.sep).join('/');
const sha = (file) => createHash('sha256').update(readFileSync(path.join(root, file))).digest('hex');
const hashInputs = (files) => Object.fromEntries([...new Set([...COMMON_INPUTS, ...files])].sort().map((f) => [f, existsSync(path.join(root, f)) ? sha(f) : 'missing']));
const readStamp = () => {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
};

/** Why a part must be rebuilt, or null when its outputs exist and no input changed. */
function staleness(part, stamp) {
  const entry = stamp[part];
  if (!entry) return 'never built';
  for (const out of PARTS[part].outputs) if (!existsSync(path.join(root, out))) return `${out} is missing`;
  for (const [file, hash] of Object.entries(entry.inputs)) {
    const now = existsSync(path.join(root, file)) ? sha(file) : 'missing';
    if (now !== hash) return `${file} changed`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The CLI and API bundle.

/**
 * Bundled code runs from dist/, yet sources find their data files relative to themselves
 * (`new URL('../../templates/', import.meta.url)`). Each such URL is rewritten to the same
 * file seen from dist/ (one folder below the package root). Files that the bundle replaces are
 * redirected: the worker bootstrap (which would start tsx) and the generator's own source folder
 * (which the plan cache hashes to know the generator's identity: in a bundle that is dist/).
 * Other uses of import.meta.url (such as text of generated code) are left alone.
 */
const REDIRECTS = { 'generator/io/load-worker.cjs': 'dist/load-worker.cjs', 'generator/': 'dist/' };
const importMetaUrlFromRoot = {
  name: 'import-meta-url-from-root',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const dir = path.dirname(rel(args.path));
      const contents = source.replace(/new URL\((['"])(\.{1,2}\/[^'"]*)\1, import\.meta\.url\)/g, (_, _q, spec) => {
        let target = path.posix.normalize(path.posix.join(dir, spec));
        if (spec.endsWith('/') && !target.endsWith('/')) target += '/';
        const mapped = REDIRECTS[target] ?? target;
        return `new URL(${JSON.stringify(`../${mapped}`)}, import.meta.url)`;
      });
      return { contents, loader: 'ts' };
    });
  },
};

async function buildCli() {
  const esbuild = await import('esbuild');
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', packages: 'external', metafile: true, sourcemap: false, legalComments: 'none', logLevel: 'warning', plugins: [importMetaUrlFromRoot] };
  const tmp = path.join(DIST, `.cli-tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const esm = await esbuild.build({
    ...common,
    entryPoints: { stormsmith: 'generator/cli/run.ts', index: 'generator/api.ts' },
    outdir: tmp,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    splitting: true,
  });
  const worker = await esbuild.build({ ...common, entryPoints: ['generator/io/load-worker.ts'], outfile: path.join(tmp, 'load-worker.cjs'), format: 'cjs' });
  chmodSync(path.join(tmp, 'stormsmith.js'), 0o755);
  // Replace the old bundle files (not dist/types or the stamp) with the new ones.
  mkdirSync(DIST, { recursive: true });
  for (const { name } of readdir(DIST)) if (/^(chunk-.*|stormsmith|index)\.js$|^load-worker\.cjs$/.test(name)) rmSync(path.join(DIST, name));
  for (const { name } of readdir(tmp)) renameSync(path.join(tmp, name), path.join(DIST, name));
  rmSync(tmp, { recursive: true, force: true });
  const inputs = [...Object.keys(esm.metafile.inputs), ...Object.keys(worker.metafile.inputs)].filter((f) => !f.startsWith('node_modules/'));
  // Which sources each output file holds, for measuring what a command loads (bench/cli.ts).
  const sources = Object.fromEntries(
    Object.entries({ ...esm.metafile.outputs, ...worker.metafile.outputs }).map(([out, meta]) => [path.basename(out), Object.keys(meta.inputs).sort()]),
  );
  writeFileSync(path.join(DIST, '.bundle-sources.json'), `${JSON.stringify(sources, null, 1)}\n`);
  return { inputs };
}

function buildTypes() {
  rmSync(path.join(DIST, 'types'), { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const emit = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.types.json', '--listFiles'], { cwd: root, encoding: 'utf8' });
  if (emit.status !== 0) throw new Error(`tsc (declarations) failed:\n${emit.stdout}${emit.stderr}`);
  const inputs = emit.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.includes('node_modules')).map((f) => rel(path.resolve(root, f)));
  return { inputs: [...inputs, 'tsconfig.types.json', 'tsconfig.json'] };
}

// ---------------------------------------------------------------------------------------------
// The canvas.

async function buildRenderer() {
  const { build } = await import('vite');
  const tmp = path.join(DIST, `.renderer-tmp-${process.pid}`);
  const seen = new Set();
  const recordInputs = {
    name: 'stormsmith-record-inputs',
    generateBundle() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0];
        if (path.isAbsolute(file) && file.startsWith(root) && !file.includes(`${path.sep}node_modules${path.sep}`) && existsSync(file)) seen.add(rel(file));
      }
    },
  };
  await build({ configFile: path.join(root, 'app/renderer/vite.config.ts'), plugins: [recordInputs], build: { outDir: tmp, emptyOutDir: true }, logLevel: 'error' });
  // Swap in the new build in two renames, so a running studio sees either one or the other.
  const old = `${RENDERER_OUT}.old-${process.pid}`;
  if (existsSync(RENDERER_OUT)) renameSync(RENDERER_OUT, old);
  renameSync(tmp, RENDERER_OUT);
  rmSync(old, { recursive: true, force: true });
  return { inputs: [...seen, 'app/renderer/vite.config.ts', 'app/renderer/index.html'] };
}

const PARTS = {
  cli: { build: buildCli, outputs: ['dist/stormsmith.js', 'dist/index.js', 'dist/load-worker.cjs'] },
  types: { build: buildTypes, outputs: ['dist/types/generator/api.d.ts'] },
  renderer: { build: buildRenderer, outputs: ['app/renderer/dist/index.html'] },
};

const readdir = (dir) => (existsSync(dir) ? readdirSync(dir).map((name) => ({ name })) : []);

// ---------------------------------------------------------------------------------------------

/** One build at a time per checkout (parallel test files may all find the build stale). */
async function withLock(fn) {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const pid = Number(readFileSafe(path.join(LOCK, 'pid')));
      if (pid && !alive(pid)) rmSync(LOCK, { recursive: true, force: true });
      else if (waited > 10 * 60_000) throw new Error(`${LOCK} held for 10 minutes; remove it if no build is running`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
const readFileSafe = (f) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
};
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : Object.keys(PARTS);
for (const part of only) if (!PARTS[part]) throw new Error(`unknown part "${part}" (known: ${Object.keys(PARTS).join(', ')})`);

if (args.includes('--check')) {
  const stamp = readStamp();
  const stale = only.map((p) => [p, staleness(p, stamp)]).filter(([, why]) => why);
  for (const [p, why] of stale) console.log(`stale: ${p} (${why})`);
  if (stale.length === 0) console.log(`fresh: ${only.join(', ')}`);
  process.exit(stale.length ? 1 : 0);
}

await withLock(async () => {
  for (const part of only) {
    const why = args.includes('--if-stale') ? staleness(part, readStamp()) : 'requested';
    if (!why) continue;
    const started = Date.now();
    const { inputs } = await PARTS[part].build();
    const stamp = readStamp();
    stamp[part] = { inputs: hashInputs(inputs) };
    mkdirSync(DIST, { recursive: true });
    writeFileSync(STAMP, `${JSON.stringify(stamp, null, 1)}\n`);
    console.log(`built ${part} (${why}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
});
