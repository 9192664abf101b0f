// Benchmark: whole commands as users run them (issue 20), on a synthetic model of N aggregates
// (bench/synthetic-model.ts: one context file per 10 aggregates), from the prebuilt CLI, start-up
// included. Each command is a fresh `node` process; runs are interleaved with the floor, so that
// floor and commands see the same machine load; the median wall time, the median CPU time (user +
// system, all threads) and the load average are printed, and each command's ratio to the floor.
//
//   npx tsx bench/commands.ts [--aggregates 500] [--runs 5] [--cli dist/stormsmith.js]... [--before <git rev>]
//
// Floor: a node process that reads and sha256-hashes every output file (what any freshness check
// must do). Cases: validate, a no-op generate, generate --check, check, and a one-aggregate change
// (one command of one context file gains a field; the next, untimed, run puts it back).
// With several --cli, each CLI gets its own copy of the repository (plan caches are per
// generator) and the cases of all CLIs run in the same rounds: a same-run before/after.
// --before <rev> builds that revision's CLI (git archive into a temporary folder, this
// repository's node_modules linked in, bin/build.mjs) and runs it first, beside dist/stormsmith.js
// (or the --cli given). Do not run `npm ci` in this repository while it runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticModel } from './synthetic-model.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    aggregates: { type: 'string', default: '500' },
    runs: { type: 'string', default: '5' },
    cli: { type: 'string', multiple: true },
    only: { type: 'string' },
    before: { type: 'string' },
  },
});
const AGGREGATES = Number(values.aggregates);
const RUNS = Math.max(3, Number(values.runs));
const CLIS = (values.cli ?? [path.join(REPO, 'dist/stormsmith.js')]).map((c) => path.resolve(c));
let beforeDir: string | undefined;
if (values.before) {
  beforeDir = mkdtempSync(path.join(tmpdir(), 'stormsmith-bench-before-'));
  const archive = spawnSync('sh', ['-c', `git archive "$1" | tar -x -C "$2"`, 'sh', values.before, beforeDir], { cwd: REPO, encoding: 'utf8' });
  if (archive.status !== 0) throw new Error(`git archive ${values.before}: ${archive.stderr}`);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(beforeDir, 'node_modules'));
  const build = spawnSync(process.execPath, ['bin/build.mjs'], { cwd: beforeDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building ${values.before}: ${build.stdout}${build.stderr}`);
  CLIS.unshift(path.join(beforeDir, 'dist/stormsmith.js'));
  console.log(`before: ${values.before}`);
}
const REPORT_CPU = path.join(REPO, 'bench/support/report-cpu.mjs');
const FLOOR_SCRIPT = path.join(REPO, 'bench/support/read-and-hash.mjs');
const cpuFile = path.join(mkdtempSync(path.join(tmpdir(), 'stormsmith-bench-cpu-')), 'cpu');

interface Timed {
  wall: number;
  cpu: number;
}
function run(cwd: string, args: string[], expect: number | number[] = 0): Timed {
  writeFileSync(cpuFile, '');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], { cwd, encoding: 'utf8', env: { ...process.env, STORMSMITH_CPU_FILE: cpuFile }, maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - t0;
  const ok = Array.isArray(expect) ? expect.includes(r.status ?? -1) : r.status === expect;
  if (!ok) throw new Error(`${args.join(' ')} exited ${r.status}:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8').trim().split('\n').pop()) };
}

// One repository per CLI: the model, and its service generated once.
const model = syntheticModel(AGGREGATES);
const changedFile = model[0]!.path;
const changedText = model[0]!.text.replace(/^( {6}note: string\n)/m, '$1      reason?: string\n');
if (changedText === model[0]!.text) throw new Error('the one-aggregate change did not apply');
const repos = CLIS.map((cli, i) => {
  const dir = mkdtempSync(path.join(tmpdir(), `stormsmith-bench-commands-${i}-`));
  mkdirSync(path.join(dir, 'model'));
  return { cli, dir };
});
function writeModel(dir: string, changed: boolean): void {
  for (const f of model) writeFileSync(path.join(dir, 'model', f.path), changed && f.path === changedFile ? changedText : f.text);
}
for (const { cli, dir } of repos) {
  writeModel(dir, false);
  writeFileSync(path.join(dir, 'stormsmith.config.json'), '{ "model": "model", "out": "service" }\n');
  const t = run(dir, [cli, 'generate']);
  run(dir, [cli, 'generate']); // a second run fills the plan cache (the first run had no manifest yet)
  console.log(`${path.relative(REPO, cli) || cli}: first generate ${(t.wall / 1000).toFixed(1)} s wall, ${(t.cpu / 1000).toFixed(1)} s CPU`);
}

interface Case {
  name: string;
  dir: string;
  args: string[];
  before?: () => void;
  after?: () => void;
}
const cases: Case[] = [{ name: 'floor: read + sha256 outputs', dir: repos[0]!.dir, args: [FLOOR_SCRIPT, 'service'] }];
for (const { cli, dir } of repos) {
  const name = beforeDir && cli.startsWith(beforeDir) ? `before ${values.before}` : path.relative(REPO, cli) || cli;
  const tag = CLIS.length > 1 ? `[${name}] ` : '';
  cases.push(
    { name: `${tag}validate`, dir, args: [cli, 'validate', 'model'] },
    { name: `${tag}generate (no-op)`, dir, args: [cli, 'generate'] },
    { name: `${tag}generate --check`, dir, args: [cli, 'generate', '--check'] },
    { name: `${tag}check`, dir, args: [cli, 'check'] },
    {
      name: `${tag}one-aggregate change`,
      dir,
      args: [cli, 'generate'],
      before: () => writeModel(dir, true),
      after: () => {
        writeModel(dir, false);
        run(dir, [cli, 'generate']);
      },
    },
  );
}
const selected = values.only ? cases.filter((c, i) => i === 0 || new RegExp(values.only!).test(c.name)) : cases;
const times = new Map(selected.map((c) => [c.name, [] as Timed[]]));
const loads: number[] = [];
for (let round = -1; round < RUNS; round++) {
  loads.push(loadavg()[0]!);
  for (const c of selected) {
    c.before?.();
    const t = run(c.dir, c.args);
    c.after?.();
    if (round >= 0) times.get(c.name)!.push(t);
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const floor = times.get(selected[0]!.name)!;
const [fw, fc] = [median(floor.map((t) => t.wall)), median(floor.map((t) => t.cpu))];
console.log(`\n${AGGREGATES} aggregates, median of ${RUNS} interleaved runs; ${availableParallelism()} cores, load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} (1 min)`);
console.log(`${'case'.padEnd(48)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)}   wall/floor  CPU/floor`);
for (const c of selected) {
  const ts = times.get(c.name)!;
  const [w, cpu] = [median(ts.map((t) => t.wall)), median(ts.map((t) => t.cpu))];
  console.log(`${c.name.padEnd(48)} ${w.toFixed(0).padStart(6)} ms ${cpu.toFixed(0).padStart(6)} ms   ${(w / fw).toFixed(2).padStart(8)}x ${(cpu / fc).toFixed(2).padStart(8)}x`);
}
for (const { dir } of repos) rmSync(dir, { recursive: true, force: true });
rmSync(path.dirname(cpuFile), { recursive: true, force: true });
if (beforeDir) rmSync(beforeDir, { recursive: true, force: true });
