// What printing the generated TypeScript through a compiler structure would cost, for ADR 0071:
// `npx tsx bench/emit-printing.ts [runs]`. For each example it prints the median of N runs of
//   plan        model -> file map, as today (TypeScript emitted as text; type cache cleared)
//   reprint     every planned .ts file parsed into a ts-morph SourceFile and printed back
//               (a lower bound of "build structures, print once": it skips building them)
// and, once per process, the cold import of ts-morph (which a no-op generate avoids today).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { clearTypeCache } from '../generator/emit/ts-types.js';
import { loadTemplates } from '../generator/emit/templates.js';
import { loadModel } from '../generator/model/load.js';
import { plan } from '../generator/plan.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Math.max(3, Number(process.argv[2] ?? 5));
const templates = loadTemplates();
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const importStart = performance.now();
const { Project } = await import('ts-morph');
const importMs = performance.now() - importStart;
console.log(`ts-morph cold import: ${importMs.toFixed(0)} ms`);

for (const example of readdirSync(join(ROOT, 'models')).sort()) {
  const dir = join(ROOT, 'models', example);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
  const loaded = loadModel(sources);
  if (!loaded.ok) throw new Error(`${example} does not load`);
  const planTimes: number[] = [];
  const printTimes: number[] = [];
  let tsFiles = 0;
  let tsBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    clearTypeCache();
    const start = performance.now();
    const files = await plan(loaded.model, { templates });
    planTimes.push(performance.now() - start);
    const ts = [...files.entries()].filter(([path]) => path.endsWith('.ts'));
    tsFiles = ts.length;
    tsBytes = ts.reduce((n, [, f]) => n + Buffer.byteLength(f.contents), 0);
    const project = new Project({ useInMemoryFileSystem: true });
    const printStart = performance.now();
    for (const [path, file] of ts) project.createSourceFile(path, file.contents, { overwrite: true }).print();
    printTimes.push(performance.now() - printStart);
  }
  const p = median(planTimes);
  const r = median(printTimes);
  console.log(`${example}: ${tsFiles} .ts files, ${tsBytes} bytes; plan ${p.toFixed(0)} ms; reprint ${r.toFixed(0)} ms (${(r / p).toFixed(1)}x plan)`);
}
