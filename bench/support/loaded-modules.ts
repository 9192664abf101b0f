// What one CLI run loads: the npm packages and the source areas (from dist/.bundle-sources.json,
// written by bin/build.mjs) of every file it loaded, traced by trace-loads.mjs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TRACER = fileURLToPath(new URL('./trace-loads.mjs', import.meta.url));

export interface LoadedModules {
  /** npm packages loaded (by name), sorted. */
  packages: string[];
  /** Source folders of the bundled files loaded (`generator/emit`, `app/studio`, ...), sorted. */
  areas: string[];
  /** Files of the package's dist/ loaded. */
  distFiles: string[];
}

/** Runs `node <cli> ...args` in `cwd` with the tracer; `cli` defaults to the built bin. */
export function loadedModules(args: string[], cwd: string, cli = path.join(REPO, 'dist/stormsmith.js')): LoadedModules {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-trace-'));
  const trace = path.join(dir, 'loads.txt');
  try {
    spawnSync(process.execPath, ['--import', TRACER, cli, ...args], { cwd, env: { ...process.env, STORMSMITH_TRACE_LOADS: trace }, encoding: 'utf8' });
    const urls = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    const files = urls.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const packages = new Set<string>();
    for (const f of files) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.split(path.sep).join('/'));
      if (m) packages.add(m[1]!);
    }
    const distDir = path.dirname(cli);
    const distFiles = files.filter((f) => path.dirname(f) === distDir).map((f) => path.basename(f));
    let sources: Record<string, string[]> = {};
    try {
      sources = JSON.parse(readFileSync(path.join(distDir, '.bundle-sources.json'), 'utf8')) as Record<string, string[]>;
    } catch {
      // not a built CLI: no areas
    }
    const areas = new Set<string>();
    for (const f of distFiles) for (const src of sources[f] ?? []) areas.add(src.split('/').slice(0, 2).join('/'));
    return { packages: [...packages].sort(), areas: [...areas].sort(), distFiles: [...new Set(distFiles)].sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
