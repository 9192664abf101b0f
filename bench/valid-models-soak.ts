// Soak run of the issue 11 property: `npx tsx bench/valid-models-soak.ts [--seed N] [--runs N] [--tests N]`
// (npm run soak:models). Draws `runs` valid models (test/support/valid-models.ts) from `seed`; each
// must plan and pass strict tsc over its whole output, and the first `tests` of them must also pass
// their own `vitest run` on PostgreSQL with zero failures (the bounded version of this runs in
// `npm test`: test/generated-project/valid-models.test.ts). Prints the figures (models tried, files
// type-checked, generated tests run, seconds, shapes covered) and, for every failure, the
// blueprint to paste into test/generated-project/valid-models.regressions.json. Exit 1 on a failure.

import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { modelBlueprint } from '../test/support/valid-models.js';
import { runValidModelCase } from '../test/generated-project/valid-model-run.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const seed = arg('seed', Date.now() % 1_000_000);
const runs = arg('runs', 50);
const withTests = arg('tests', 5);
const started = performance.now();
const shapes = new Map<string, number>();
/** The shapes of the models whose services ran on PostgreSQL (the figures say what was run, not only compiled). */
const testedShapes = new Map<string, number>();
let tsFiles = 0;
let files = 0;
let tested = 0;
const totals = { passed: 0, todo: 0, failed: 0 };
const failures: { index: number; problems: string[]; blueprint: unknown }[] = [];

console.log(`valid-models soak: seed ${seed}, ${runs} models, tests on the first ${withTests}`);
for (const [index, blueprint] of fc.sample(modelBlueprint, { seed, numRuns: runs }).entries()) {
  const result = await runValidModelCase(blueprint, { tests: index < withTests });
  files += result.files;
  tsFiles += result.tsFiles;
  for (const s of result.shapes) shapes.set(s, (shapes.get(s) ?? 0) + 1);
  if (result.tests) {
    tested++;
    for (const s of result.shapes) testedShapes.set(s, (testedShapes.get(s) ?? 0) + 1);
    totals.passed += result.tests.passed;
    totals.todo += result.tests.todo;
    totals.failed += result.tests.failed;
  }
  if (result.problems.length > 0) failures.push({ index, problems: result.problems, blueprint });
  process.stdout.write(result.problems.length > 0 ? 'F' : '.');
}
const seconds = (performance.now() - started) / 1000;
console.log('\n');
console.log(`models tried          ${runs}`);
console.log(`files planned         ${files}`);
console.log(`TypeScript files tsc  ${tsFiles}`);
console.log(`services tested on PG ${tested} (tests passed ${totals.passed}, todo ${totals.todo}, failed ${totals.failed})`);
console.log(`failures              ${failures.length}`);
console.log(`seconds               ${seconds.toFixed(1)}`);
console.log('shapes covered (models containing each):');
for (const [shape, count] of [...shapes].sort()) console.log(`  ${String(count).padStart(4)}  ${shape}`);
console.log('of which in the services run on PostgreSQL (read models, policies):');
for (const [shape, count] of [...testedShapes].sort()) if (/read model|projection|policy/.test(shape)) console.log(`  ${String(count).padStart(4)}  ${shape}`);
for (const f of failures) {
  console.log(`\nFAILED draw ${f.index} (seed ${seed}):\n${f.problems.join('\n').slice(0, 4000)}`);
  console.log(`blueprint: ${JSON.stringify(f.blueprint)}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
