// One property case of issue 11: a valid model (test/support/valid-models.ts) must plan (no
// E_INTERNAL, no path problem), pass strict tsc over the whole output, and, when asked, pass its
// own `vitest run` on PostgreSQL with zero failures. Shared by the bounded property test in
// `npm test` and the soak script (bench/valid-models-soak.ts).

import { rmSync } from 'node:fs';
import { checkPathName, findCollisions } from '../../generator/apply/path-safety.js';
import { loadModel } from '../../generator/model/load.js';
import { validateModel } from '../../generator/model/validate/index.js';
import { buildModel, type ModelBlueprint } from '../support/valid-models.js';
import { planModel } from './model-project.js';
import { materialise, runGeneratedTests, runTool } from './support.js';

export interface CaseResult {
  /** Empty when the case holds. */
  problems: string[];
  files: number;
  tsFiles: number;
  tests?: { passed: number; todo: number; failed: number };
  shapes: Set<string>;
  yaml: Record<string, string>;
}

export async function runValidModelCase(blueprint: ModelBlueprint, options: { tests: boolean }): Promise<CaseResult> {
  const { files: yaml, shapes } = buildModel(blueprint);
  const loaded = loadModel(Object.entries(yaml).map(([path, text]) => ({ path, text })));
  const errors = [...loaded.diagnostics, ...(loaded.model ? validateModel(loaded.model) : [])].filter((d) => d.severity === 'error');
  const result: CaseResult = { problems: [], files: 0, tsFiles: 0, shapes, yaml };
  if (!loaded.model || errors.length > 0) {
    result.problems.push(...errors.map((d) => `the arbitrary drew an invalid model: ${d.file}:${d.line}:${d.col}: ${d.code}: ${d.message}`));
    return result;
  }
  let fileMap;
  try {
    fileMap = await planModel(loaded.model);
  } catch (error) {
    result.problems.push(`plan failed: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
  result.files = fileMap.size;
  result.tsFiles = [...fileMap.keys()].filter((p) => p.endsWith('.ts')).length;
  const pathProblems = [...[...fileMap.keys()].map(checkPathName).filter((p) => p !== null), ...findCollisions(fileMap.keys())];
  result.problems.push(...pathProblems.map((p) => `output path: ${p.message}`));
  const dir = materialise(fileMap, 'property');
  try {
    const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
    if (tsc.status !== 0 || tsc.output !== '') result.problems.push(`tsc: ${tsc.output.trim()}`);
    if (options.tests && result.problems.length === 0) {
      const { run, outcomes } = runGeneratedTests(dir);
      const count = (s: string) => outcomes.filter((o) => o.status === s).length;
      result.tests = { passed: count('passed'), todo: count('todo'), failed: count('failed') };
      for (const o of outcomes) if (o.status === 'failed') result.problems.push(`test failed: ${o.file} > ${o.name}`);
      if (run.status !== 0) result.problems.push(`vitest exit ${run.status}: ${run.output.slice(-2000)}`);
      if (outcomes.some((o) => o.status === 'skipped' || o.status === 'pending')) result.problems.push('a generated test was skipped');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
