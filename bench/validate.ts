// Benchmark: load + validate synthetic models of 50, 500 and 2000 aggregates (~10 events each,
// one context file per 10 aggregates, cross-context policies). Prints the median of several runs
// for load (YAML -> model) and validate (all rules) separately. Run: `npm run bench:validate`.
// Wall-clock time is what a user waits; on a shared, busy machine it also counts time the
// process spent waiting for a core, so the process CPU time of each phase is printed beside it.
// The same model is also written to a temporary folder and loaded the way the CLI loads it
// (loadModelFromDisk), once in one thread and once with loader worker threads.
// Goal (issue 2): 500 aggregates in under 1 s on the project machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadModelFromDisk } from '../generator/io/load-model-from-disk.js';
import { closeLoaderWorkers } from '../generator/io/parallel-load.js';
import { loadModel } from '../generator/model/load.js';
import { RULES, validateModel } from '../generator/model/validate/index.js';
import { syntheticModel } from './synthetic-model.js';

const SIZES = (process.env.BENCH_SIZES ?? '50,500,2000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number): string => `${x.toFixed(1).padStart(8)} ms`;
/** User + system CPU time between two `process.cpuUsage()` readings, in ms. */
const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number => (b.user - a.user + (b.system - a.system)) / 1000;

/** Wall-clock and CPU times of one phase over the measured runs (the warm-up is not kept). */
class Phase {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];

  time<T>(warm: boolean, work: () => T): T {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = work();
    this.keep(warm, t0, c0);
    return result;
  }

  async timeAsync<T>(warm: boolean, work: () => Promise<T>): Promise<T> {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await work();
    this.keep(warm, t0, c0);
    return result;
  }

  private keep(warm: boolean, t0: number, c0: NodeJS.CpuUsage): void {
    if (warm) return;
    this.wall.push(performance.now() - t0);
    this.cpu.push(cpuMs(c0, process.cpuUsage()));
  }

  /** Run-by-run sums of two phases (medians of sums, not sums of medians). */
  static sum(a: Phase, b: Phase): Phase {
    const out = new Phase();
    a.wall.forEach((w, i) => out.wall.push(w + b.wall[i]!));
    a.cpu.forEach((c, i) => out.cpu.push(c + b.cpu[i]!));
    return out;
  }

  cell(): string {
    return `${ms(median(this.wall))} (${ms(median(this.cpu)).trim()})`.padEnd(24);
  }
}

const WORKERS = Math.max(1, availableParallelism() - 1);
const loadAverage = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

console.log(`stormsmith bench/validate: median of ${RUNS} runs after one warm-up, ${RULES.length} rules, node ${process.version}, ${availableParallelism()} cores`);
console.log(`load average at start: ${loadAverage()}`);
console.log('wall-clock median (CPU-time median of the whole process, all threads, in parentheses)');
console.log('  load, validate: loadModel on files in memory, one thread (the model core alone)');
console.log(`  disk 1 thread / disk ${WORKERS} worker(s): loadModelFromDisk (read the folder + load) without / with loader worker threads (kept warm between runs, as in a long-running process)`);
console.log(`  total: the faster disk road + validate`);
console.log(
  `${'aggregates'.padStart(10)}  files   events    bytes  ${['load', 'validate', 'disk 1 thread', `disk ${WORKERS} worker(s)`, 'total'].map((h) => h.padEnd(24)).join('')}`,
);
for (const size of SIZES) {
  const files = syntheticModel(size);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-bench-'));
  for (const f of files) writeFileSync(path.join(dir, f.path), f.text);
  const phases = { load: new Phase(), validate: new Phase(), disk: new Phase(), workers: new Phase() };
  let diagnostics = 0;
  let events = 0;
  for (let run = 0; run <= RUNS; run++) {
    const warm = run === 0;
    const loaded = phases.load.time(warm, () => loadModel(files));
    if (!loaded.ok) throw new Error(`synthetic model does not load: ${JSON.stringify(loaded.diagnostics[0])}`);
    const found = phases.validate.time(warm, () => validateModel(loaded.model));
    // Alternate which disk road goes first, so both see the same share of the machine's load.
    const roads = [() => phases.disk.timeAsync(warm, () => loadModelFromDisk(dir, { workers: 0 })), () => phases.workers.timeAsync(warm, () => loadModelFromDisk(dir, { workers: WORKERS, keepWorkers: true }))];
    if (run % 2) roads.reverse();
    const fromDisk = [];
    for (const road of roads) fromDisk.push(await road());
    for (const d of fromDisk) if (JSON.stringify(d.loaded) !== JSON.stringify(loaded)) throw new Error('loading from disk gave another model than loadModel');
    if (warm) {
      // Warm-up run (JIT, ajv); also proves the synthetic model is a valid, realistic one.
      const problems = found.filter((d) => d.severity !== 'info');
      if (problems.length > 0) throw new Error(`synthetic model is not clean: ${JSON.stringify(problems[0])}`);
      diagnostics = found.length;
      events = loaded.model.contexts.reduce((n, c) => n + c.events.length, 0);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const fastest = median(phases.workers.wall) < median(phases.disk.wall) ? phases.workers : phases.disk;
  const total = Phase.sum(fastest, phases.validate);
  console.log(
    `${String(size).padStart(10)}  ${String(files.length).padStart(5)}  ${String(events).padStart(7)}  ${String(bytes).padStart(8)}  ${[phases.load, phases.validate, phases.disk, phases.workers, total].map((p) => p.cell()).join('')}`,
  );
  if (diagnostics > 0) console.log(`            (${diagnostics} info diagnostics per run)`);
}
console.log(`load average at end: ${loadAverage()}`);
await closeLoaderWorkers();
