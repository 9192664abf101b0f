// Generated projects from models written inline (YAML text), for tests of model shapes the
// examples do not have: load, validate (errors fail loudly), plan, write to a temp folder with our
// node_modules linked in, and run the project's own tsc or vitest.

import { rmSync } from 'node:fs';
import { loadModel } from '../../generator/model/load.js';
import type { Model } from '../../generator/model/types.js';
import { validateModel } from '../../generator/model/validate/index.js';
import { plan } from '../../generator/plan.js';
import type { FileMap } from '../../generator/plan-types.js';
import { loadTemplates } from '../../generator/emit/templates.js';
import { materialise, runGeneratedTests, runTool, type TestOutcome, type ToolRun } from './support.js';

export type YamlFiles = Record<string, string>;

/** Loads and validates; throws with the diagnostics when the model has errors. */
export function loadYaml(files: YamlFiles): Model {
  const result = loadModel(Object.entries(files).map(([path, text]) => ({ path, text })));
  const errors = [...result.diagnostics, ...(result.model ? validateModel(result.model) : [])].filter((d) => d.severity === 'error');
  if (!result.model || errors.length > 0) {
    throw new Error(`the model is not valid:\n${errors.map((d) => `${d.file}:${d.line}:${d.col}: ${d.code}: ${d.message}`).join('\n')}`);
  }
  return result.model;
}

export function planModel(model: Model): Promise<FileMap> {
  return plan(model, { templates: loadTemplates(), modelRoot: 'model' });
}

export interface ProjectRun {
  tsc: ToolRun;
  tests?: { run: ToolRun; outcomes: TestOutcome[] };
}

/**
 * Plans `model` into a temp project, type-checks it and (when asked) runs its tests; cleans up.
 * `tests` is true for the whole suite or a list of vitest file filters (a bounded run).
 */
export async function checkProject(model: Model, options: { tests?: boolean | string[]; keep?: boolean; edit?: (dir: string) => void } = {}): Promise<ProjectRun & { dir: string }> {
  const dir = materialise(await planModel(model), 'shape');
  try {
    options.edit?.(dir);
    const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
    const tests = options.tests ? runGeneratedTests(dir, options.tests === true ? [] : options.tests) : undefined;
    return { dir, tsc, ...(tests ? { tests } : {}) };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Failed tests and a failed run, in one readable message (for `expect(...).toEqual([])`). */
export function failures(run: ProjectRun): string[] {
  const out: string[] = [];
  if (run.tsc.status !== 0 || run.tsc.output !== '') out.push(`tsc: ${run.tsc.output}`);
  if (run.tests) {
    for (const o of run.tests.outcomes) if (o.status === 'failed') out.push(`${o.file} > ${o.name}`);
    if (run.tests.run.status !== 0) out.push(`vitest exit ${run.tests.run.status}: ${run.tests.run.output.slice(-3000)}`);
  }
  return out;
}
