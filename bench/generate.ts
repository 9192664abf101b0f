// Full-generation benchmark: `npx tsx bench/generate.ts [runs]`.
//
// For each example model and for synthetic models of 50, 200 and 500 aggregates it prints the
// median of N runs (default 5) of:
//   load      YAML files -> typed model (loadModel)
//   plan      model -> file map (plan, cold: the type cache is cleared before every run)
//   apply     file map -> fresh folder (the real `generate` write path: manifest, lock, atomic writes)
//   full      load + plan + apply
//   floor     writing the same bytes with fs.writeFileSync into a fresh folder
// beside the file count, the bytes and full/floor. Goal: 500 aggregates within 20x the floor.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { apply } from '../generator/apply/index.js';
import { clearTypeCache } from '../generator/emit/ts-types.js';
import { loadTemplates } from '../generator/emit/templates.js';
import { loadModel } from '../generator/model/load.js';
import type { SourceFile } from '../generator/model/types.js';
import { plan } from '../generator/plan.js';
import type { FileMap } from '../generator/plan-types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Math.max(5, Number(process.argv[2] ?? 5));
const templates = loadTemplates();

/** A synthetic context of `count` aggregates, shaped like the examples (YAML, v1 syntax). */
function syntheticContext(index: number, count: number): string {
  const lines: string[] = ['stormsmith: 1', `context: Area${index}`, 'valueObjects:', '  Amount:', '    fields:', '      value: int', '      currency: string', 'aggregates:'];
  for (let a = 0; a < count; a++) {
    lines.push(`  Thing${a}:`, `    identity: thing${a}Id`, '    invariants: [A thing stays consistent.]', '    state:', '      name: string', '      count: int', '      open: boolean', '      total: Amount');
  }
  lines.push('commands:');
  for (let a = 0; a < count; a++) {
    lines.push(
      `  OpenThing${a}:`, `    aggregate: Thing${a}`, '    fields:', `      thing${a}Id: uuid`, '      name: string', '      total: Amount', `    emits: [Thing${a}Opened]`,
      `  RenameThing${a}:`, `    aggregate: Thing${a}`, '    fields:', `      thing${a}Id: uuid`, '      name: string', `    emits: [Thing${a}Renamed]`, `    rejects: [Thing${a}Closed]`,
      `  CloseThing${a}:`, `    aggregate: Thing${a}`, '    fields:', `      thing${a}Id: uuid`, '      reason: string', `    emits: [Thing${a}ClosedDown]`,
    );
  }
  lines.push('events:');
  for (let a = 0; a < count; a++) {
    lines.push(
      `  Thing${a}Opened:`, `    aggregate: Thing${a}`, '    version: 1', '    fields:', `      thing${a}Id: uuid`, '      name: string', '      total: Amount',
      `  Thing${a}Renamed:`, `    aggregate: Thing${a}`, '    version: 1', '    fields:', `      thing${a}Id: uuid`, '      name: string',
      `  Thing${a}ClosedDown:`, `    aggregate: Thing${a}`, '    version: 1', '    fields:', `      thing${a}Id: uuid`, '      reason: string',
    );
  }
  lines.push('projections:');
  for (let a = 0; a < count; a++) {
    lines.push(`  Thing${a}Summary:`, `    from: [Thing${a}Opened, Thing${a}Renamed]`, `    key: thing${a}Id`, '    fields:', `      thing${a}Id: uuid`, '      name: string', `    consistency: ${a % 2 === 0 ? 'strong' : 'eventual'}`);
  }
  lines.push('policies:');
  for (let a = 0; a + 1 < count; a += 5) {
    lines.push(`  CloseNext${a}:`, `    on: [Thing${a}ClosedDown]`, `    issues: [CloseThing${a + 1}]`);
  }
  lines.push('specs:');
  for (let a = 0; a < count; a++) {
    lines.push(
      `  - name: thing ${a} opens`,
      '    when:',
      `      command: OpenThing${a}`,
      `      data: { thing${a}Id: 7b0c4e8a-6f0e-4f51-9a43-0a9a0c2f5d11, name: n, total: { value: 1, currency: EUR } }`,
      '    then:',
      `      - event: Thing${a}Opened`,
      `        data: { thing${a}Id: 7b0c4e8a-6f0e-4f51-9a43-0a9a0c2f5d11, name: n, total: { value: 1, currency: EUR } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function syntheticModel(aggregates: number): SourceFile[] {
  const perContext = 25;
  const files: SourceFile[] = [];
  for (let c = 0; c * perContext < aggregates; c++) {
    files.push({ path: `area${String(c).padStart(3, '0')}.yaml`, text: syntheticContext(c, Math.min(perContext, aggregates - c * perContext)) });
  }
  return files;
}

function exampleFiles(example: string): SourceFile[] {
  const dir = join(ROOT, 'models', example);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Process CPU time (user + system, all threads) spent since `since`, in ms. */
const cpuSince = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

let lastCpu = 0;
/** Wall time and result; the phase's CPU time is left in `lastCpu` (printed beside wall time: the machine is shared). */
const time = async <T>(work: () => Promise<T> | T): Promise<[number, T]> => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wall = performance.now() - start;
  lastCpu = cpuSince(cpu);
  return [wall, result];
};

function writeFloor(files: FileMap, dir: string): void {
  for (const file of files.values()) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
}

async function measure(name: string, sources: SourceFile[]): Promise<string> {
  const t = { load: [] as number[], plan: [] as number[], apply: [] as number[], floor: [] as number[] };
  const cpu = { full: [] as number[], floor: [] as number[] };
  let files: FileMap = new Map();
  for (let run = 0; run < RUNS; run++) {
    clearTypeCache();
    const [load, loaded] = await time(() => loadModel(sources));
    let fullCpu = lastCpu;
    if (!loaded.model) throw new Error(`${name}: model does not load`);
    const model = loaded.model;
    const [planMs, planned] = await time(() => plan(model, { templates }));
    fullCpu += lastCpu;
    files = planned;
    const applyDir = mkdtempSync(join(tmpdir(), 'stormsmith-bench-apply-'));
    const [applyMs, report] = await time(() => apply(planned, join(applyDir, 'out')));
    cpu.full.push(fullCpu + lastCpu);
    if (report.problems.length > 0) throw new Error(`${name}: apply reported ${report.problems[0]!.code}: ${report.problems[0]!.message}`);
    const floorDir = mkdtempSync(join(tmpdir(), 'stormsmith-bench-floor-'));
    const [floorMs] = await time(() => writeFloor(planned, floorDir));
    cpu.floor.push(lastCpu);
    rmSync(applyDir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
    t.load.push(load);
    t.plan.push(planMs);
    t.apply.push(applyMs);
    t.floor.push(floorMs);
  }
  const bytes = [...files.values()].reduce((sum, f) => sum + Buffer.byteLength(f.contents), 0);
  const full = median(t.load.map((l, i) => l + t.plan[i]! + t.apply[i]!));
  const floor = median(t.floor);
  const ms = (v: number) => `${v.toFixed(0).padStart(7)} ms`;
  return (
    `${name.padEnd(16)} ${String(files.size).padStart(6)} files ${(bytes / 1024).toFixed(0).padStart(7)} KiB | ` +
    `load ${ms(median(t.load))} plan ${ms(median(t.plan))} apply ${ms(median(t.apply))} | full ${ms(full)} floor ${ms(floor)} | ${(full / floor).toFixed(1).padStart(5)}x floor | CPU full ${ms(median(cpu.full))} floor ${ms(median(cpu.floor))} (${(median(cpu.full) / median(cpu.floor)).toFixed(1)}x) | load avg ${loadavg()[0]!.toFixed(1)}`
  );
}

console.log(`stormsmith generate benchmark: medians of ${RUNS} runs, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const example of readdirSync(join(ROOT, 'models')).sort()) console.log(await measure(`example ${example}`, exampleFiles(example)));
for (const size of [50, 200, 500]) console.log(await measure(`${size} aggregates`, syntheticModel(size)));
