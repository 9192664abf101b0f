// Benchmark: load + validate synthetic models of 50, 500 and 2000 aggregates (~10 events each,
// one context file per 10 aggregates, cross-context policies). Prints the median of several runs
// for load (YAML -> model) and validate (all rules) separately. Run: `npm run bench:validate`.
// Wall-clock time is what a user waits; on a shared, busy machine it also counts time the
// process spent waiting for a core, so the process CPU time of each phase is printed beside it.
// Goal (issue 2): 500 aggregates in under 1 s on the project machine.
import { performance } from 'node:perf_hooks';
import { loadModel } from '../generator/model/load.js';
import { RULES, validateModel } from '../generator/model/validate/index.js';
import { syntheticModel } from './synthetic-model.js';

const SIZES = [50, 500, 2000];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number): string => `${x.toFixed(1).padStart(8)} ms`;
/** User + system CPU time between two `process.cpuUsage()` readings, in ms. */
const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number => (b.user - a.user + (b.system - a.system)) / 1000;

console.log(`stormsmith bench/validate: median of ${RUNS} runs after one warm-up, ${RULES.length} rules, node ${process.version}`);
console.log('wall-clock median (CPU-time median in parentheses)');
console.log('aggregates  files   events    bytes   load                    validate                load+validate');
for (const size of SIZES) {
  const files = syntheticModel(size);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const loads: number[] = [];
  const validations: number[] = [];
  const loadCpu: number[] = [];
  const validateCpu: number[] = [];
  let diagnostics = 0;
  let events = 0;
  for (let run = 0; run <= RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const loaded = loadModel(files);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    if (!loaded.ok) throw new Error(`synthetic model does not load: ${JSON.stringify(loaded.diagnostics[0])}`);
    const found = validateModel(loaded.model);
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    if (run === 0) {
      // Warm-up run (JIT, ajv); also proves the synthetic model is a valid, realistic one.
      const problems = found.filter((d) => d.severity !== 'info');
      if (problems.length > 0) throw new Error(`synthetic model is not clean: ${JSON.stringify(problems[0])}`);
      diagnostics = found.length;
      events = loaded.model.contexts.reduce((n, c) => n + c.events.length, 0);
      continue;
    }
    loads.push(t1 - t0);
    validations.push(t2 - t1);
    loadCpu.push(cpuMs(c0, c1));
    validateCpu.push(cpuMs(c1, c2));
  }
  const totals = loads.map((l, i) => l + validations[i]!);
  const totalCpu = loadCpu.map((l, i) => l + validateCpu[i]!);
  const cell = (wall: number[], cpu: number[]): string => `${ms(median(wall))} (${ms(median(cpu)).trim()})`.padEnd(24);
  console.log(
    `${String(size).padStart(10)}  ${String(files.length).padStart(5)}  ${String(events).padStart(7)}  ${String(bytes).padStart(8)}  ${cell(loads, loadCpu)}${cell(validations, validateCpu)}${cell(totals, totalCpu)}`,
  );
  if (diagnostics > 0) console.log(`            (${diagnostics} info diagnostics per run)`);
}
