// Preview and run generation for an opened model folder through the generator's one entry point
// (generator/generate.ts), as `stormsmith generate` does. Where the output goes comes from
// stormsmith.config.json, looked up from the model folder upwards; without one the entry point
// refuses (E_NO_OUTPUT_CONFIG) rather than guess, because no default output folder is given
// (a default like ./generated would land inside the model folder).
// The generator is imported lazily: ts-morph and handlebars load only when someone generates.

import type { GenerationPreview } from '../shared/workspace-api.js';
import type { GenerationEngine } from './generation-engine.js';

async function generate(realRoot: string, mode: 'dry-run' | 'write'): Promise<GenerationPreview> {
  const { generate: run } = await import('../../generator/generate.js');
  // cwd is the model folder: diagnostics name files relative to it, the paths the canvas knows.
  const result = await run({ cwd: realRoot, model: realRoot, mode });
  return {
    ok: result.ok,
    diagnostics: result.diagnostics,
    files: (result.report?.files ?? []).map((f) => ({ path: f.path, status: f.status, ...(f.diff ? { diff: f.diff } : {}) })),
  };
}

export async function loadGenerationEngine(): Promise<GenerationEngine> {
  return {
    preview: (realRoot) => generate(realRoot, 'dry-run'),
    run: (realRoot) => generate(realRoot, 'write'),
  };
}
