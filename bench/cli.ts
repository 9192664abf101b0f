// Benchmark: cold start of the CLI, as a user runs it. Each command is a fresh `node` process; its
// median wall time over RUNS runs is printed beside the floor, `node -e ''`, measured in the same
// rounds (runs are interleaved, so floor and commands share the machine's load), and as a ratio
// to it. Goal (issue 15): --help <= 2x the floor, validate models/library <= 3x.
// The built CLI (dist/stormsmith.js, `npm run build`) is what users run; the TypeScript sources
// through tsx (bin/stormsmith.mjs, the development entry) are measured for comparison.
// Then, per command, the npm packages and source folders the built CLI loads.
// Run: `npm run bench:cli` (BENCH_RUNS=n to change the number of runs).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadedModules } from './support/loaded-modules.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BUILT = path.join(REPO, 'dist/stormsmith.js');
const DEV = path.join(REPO, 'bin/stormsmith.mjs');

const build = spawnSync(process.execPath, [path.join(REPO, 'bin/build.mjs'), '--if-stale', '--only', 'cli'], { encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);

// A user's repo: the library model, and its service generated once (what `check` checks).
const repo = mkdtempSync(path.join(tmpdir(), 'stormsmith-bench-cli-'));
cpSync(path.join(REPO, 'models/library'), path.join(repo, 'models/library'), { recursive: true });
writeFileSync(path.join(repo, 'stormsmith.config.json'), '{ "model": "models/library", "out": "services/library" }\n');
const generated = spawnSync(process.execPath, [BUILT, 'generate'], { cwd: repo, encoding: 'utf8' });
if (generated.status !== 0) throw new Error(`generate failed:\n${generated.stdout}${generated.stderr}`);

interface Case {
  name: string;
  args: string[];
  /** Exit code the run must end with (a benchmark of a failing command measures nothing). */
  code: number;
}
const FLOOR: Case = { name: "node -e ''", args: ['-e', ''], code: 0 };
const COMMANDS: { name: string; args: string[] }[] = [
  { name: '--help', args: ['--help'] },
  { name: 'validate models/library', args: ['validate', 'models/library'] },
  { name: 'check (library service)', args: ['check'] },
];
const cases: Case[] = [
  FLOOR,
  ...COMMANDS.map((c) => ({ name: `built  ${c.name}`, args: [BUILT, ...c.args], code: 0 })),
  ...COMMANDS.map((c) => ({ name: `tsx    ${c.name}`, args: [DEV, ...c.args], code: 0 })),
];

const wall = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const run = (c: Case): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, { cwd: repo, encoding: 'utf8' });
  const t = performance.now() - t0;
  if (r.status !== c.code) throw new Error(`${c.name} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return t;
};
for (const c of cases) run(c); // warm the file cache; not kept
for (let i = 0; i < RUNS; i++) for (const c of cases) wall.get(c.name)!.push(run(c));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const floor = median(wall.get(FLOOR.name)!);
console.log(`CLI cold start, median of ${RUNS} interleaved runs (${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)})`);
for (const c of cases) {
  const m = median(wall.get(c.name)!);
  console.log(`  ${c.name.padEnd(34)} ${m.toFixed(0).padStart(6)} ms   ${(m / floor).toFixed(2)}x floor`);
}

console.log('\nLoaded by the built CLI (npm packages; source folders of the bundle):');
for (const c of [...COMMANDS, { name: 'generate (no-op)', args: ['generate'] }, { name: 'init --help', args: ['init', '--help'] }, { name: 'studio --help', args: ['studio', '--help'] }]) {
  const loaded = loadedModules(c.args, repo);
  console.log(`  ${c.name}\n    packages: ${loaded.packages.join(', ') || '(none)'}\n    sources:  ${loaded.areas.join(', ')}`);
}
rmSync(repo, { recursive: true, force: true });
