// Benchmark: load + validate synthetic models of 50, 500 and 2000 aggregates (~10 events each,
// one context file per 10 aggregates, cross-context policies). Prints the median of several runs
// for load (YAML -> model) and validate (all rules) separately. Run: `npm run bench:validate`.
// Wall-clock time is what a user waits; on a shared, busy machine it also counts time the
// process spent waiting for a core, so the process CPU time of each phase is printed beside it.
// Goal (issue 2): 500 aggregates in under 1 s on the project machine.
import { performance } from 'node:perf_hooks';
import { loadModel } from '../generator/model/load.js';
import type { SourceFile } from '../generator/model/types.js';
import { RULES, validateModel } from '../generator/model/validate/index.js';

const SIZES = [50, 500, 2000];
const AGGREGATES_PER_FILE = 10;
const COMMANDS_PER_AGGREGATE = 5; // each emits two events: 10 events per aggregate
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** One bounded context file, written the way an architect would (block style, descriptions). */
function contextFile(file: number, aggregates: number): string {
  const ctx = `Context${file}`;
  const prev = file > 0 ? `Context${file - 1}` : undefined;
  const out: string[] = [
    `# Synthetic context ${file} for bench/validate.ts`,
    'stormsmith: 1',
    `context: ${ctx}`,
    `description: Generated context number ${file} with ${aggregates} aggregates.`,
  ];
  if (prev) out.push('relationships:', `  - context: ${prev}`, '    kind: customer-supplier', `    description: Reacts to ${prev}'s first event.`);
  out.push('actors:', `  Operator${file}:`, '    description: Runs every command of this context.');
  out.push('valueObjects:', `  Amount${file}:`, '    fields:', '      value: int', '      currency: enum(EUR|USD)');
  out.push('aggregates:');
  for (let a = 0; a < aggregates; a++) {
    out.push(`  Agg${file}x${a}:`, `    identity: agg${a}Id`, '    description: A synthetic aggregate.', '    invariants:', '      - Something always holds.', '    state:', '      status: string', `      total: Amount${file}`);
  }
  out.push('commands:');
  for (let a = 0; a < aggregates; a++) {
    for (let c = 0; c < COMMANDS_PER_AGGREGATE; c++) {
      out.push(
        `  Do${file}x${a}x${c}:`,
        `    aggregate: Agg${file}x${a}`,
        `    actor: Operator${file}`,
        '    fields:',
        `      agg${a}Id: uuid`,
        '      note: string',
        `      amount: Amount${file}`,
        `    emits: [Done${file}x${a}x${c}a, Done${file}x${a}x${c}b]`,
        `    rejects: [NotAllowed${c}]`,
      );
    }
  }
  out.push('events:');
  for (let a = 0; a < aggregates; a++) {
    for (let c = 0; c < COMMANDS_PER_AGGREGATE; c++) {
      for (const v of ['a', 'b']) {
        out.push(
          `  Done${file}x${a}x${c}${v}:`,
          `    aggregate: Agg${file}x${a}`,
          ...(a === 0 && c === 0 && v === 'a' ? ['    published: true'] : []),
          '    version: 1',
          '    fields:',
          `      agg${a}Id: uuid`,
          '      note: string',
          `      amount: Amount${file}`,
          '      at: datetime',
        );
      }
    }
  }
  out.push('policies:');
  if (prev) out.push(`  FollowUp${file}:`, `    on: [${prev}.Done${file - 1}x0x0a]`, `    issues: [Do${file}x0x0]`);
  out.push(`  Chain${file}:`, `    on: [Done${file}x0x1a]`, `    issues: [Do${file}x0x2]`);
  out.push('projections:');
  for (let a = 0; a < aggregates; a++) {
    const from: string[] = [];
    for (let c = 0; c < COMMANDS_PER_AGGREGATE; c++) from.push(`Done${file}x${a}x${c}a`, `Done${file}x${a}x${c}b`);
    out.push(`  View${file}x${a}:`, `    from: [${from.join(', ')}]`, `    key: agg${a}Id`, '    fields:', `      agg${a}Id: uuid`, '      status: string', '    consistency: eventual', '    lagTarget: 5s');
  }
  out.push('specs:', `  - name: command zero of context ${file}`, '    when:', `      command: Do${file}x0x0`, '      data: { agg0Id: 00000000-0000-4000-8000-000000000001, note: n, amount: { value: 1, currency: EUR } }', '    then:', `      - event: Done${file}x0x0a`, '        data: { agg0Id: 00000000-0000-4000-8000-000000000001, note: n, amount: { value: 1, currency: EUR }, at: "2026-01-01T00:00:00Z" }');
  return `${out.join('\n')}\n`;
}

function syntheticModel(aggregates: number): SourceFile[] {
  const files: SourceFile[] = [];
  for (let f = 0; f * AGGREGATES_PER_FILE < aggregates; f++) {
    const n = Math.min(AGGREGATES_PER_FILE, aggregates - f * AGGREGATES_PER_FILE);
    files.push({ path: `context-${String(f).padStart(4, '0')}.yaml`, text: contextFile(f, n) });
  }
  return files;
}

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
