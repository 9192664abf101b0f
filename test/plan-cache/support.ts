// Models and comparisons shared by the plan-cache tests.
import { syntheticModel } from '../../bench/synthetic-model.js';
import { loadTemplates } from '../../generator/emit/templates.js';
import { loadModel } from '../../generator/model/load.js';
import type { Model } from '../../generator/model/types.js';
import type { FileMap } from '../../generator/plan-types.js';

export { loadExample } from '../generated-project/support.js';

export const templates = loadTemplates();

/** The synthetic benchmark model (10 aggregates per context, cross-context policies). */
export function loadSynthetic(aggregates: number): Model {
  const result = loadModel(syntheticModel(aggregates));
  if (!result.ok || result.diagnostics.some((d) => d.severity === 'error')) throw new Error('the synthetic model does not load');
  return result.model;
}

/** Every byte of a plan, file by file: [path, ownership, sources, grow, contents]. */
export const planBytes = (files: FileMap): string[] => [...files.values()].map((f) => JSON.stringify([f.path, f.ownership, f.sources, f.grow ?? null, f.contents]));
