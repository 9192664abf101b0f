// Preview and run generation for an opened model folder with the same pipeline as
// `stormsmith generate` (load -> validate -> plan -> apply). Where the output goes comes from
// stormsmith.config.json, looked up from the model folder upwards; without one the workspace
// refuses rather than guess (a default like ./generated would land inside the model folder).
// The generator is imported lazily: ts-morph and handlebars load only when someone generates.

import type { Diagnostic } from '../../generator/model/types.js';
import type { GenerationPreview } from '../shared/workspace-api.js';
import type { GenerationEngine } from './generation-engine.js';

const problem = (code: string, file: string, message: string, hint: string): GenerationPreview => ({
  ok: false,
  diagnostics: [{ code, severity: 'error', file, line: 1, col: 1, message, hint }],
  files: [],
});

async function generate(realRoot: string, mode: 'dry-run' | 'write'): Promise<GenerationPreview> {
  const [{ runGenerate, UsageError }, { loadProjectConfig, ConfigError, CONFIG_FILE }, { ModelReadError }] = await Promise.all([
    import('../../generator/cli/commands/generate.js'),
    import('../../generator/cli/project-config.js'),
    import('../../generator/io/read-model.js'),
  ]);
  // Diagnostics name files relative to the model folder: the paths the canvas knows.
  const io = { cwd: realRoot, stdout: () => undefined, stderr: () => undefined, env: {} };
  try {
    const config = loadProjectConfig(realRoot);
    if (!config?.out) {
      return problem('E_NO_OUTPUT_CONFIG', config?.file ?? CONFIG_FILE, `no output folder configured for ${realRoot}`, `add ${CONFIG_FILE} with "out" (e.g. { "model": "models/library", "out": "services/library" }) in the repo that holds the model`);
    }
    const templatesDir = config.templates ?? undefined;
    const { diagnostics, report } = await runGenerate(
      { model: realRoot, outDir: config.out, into: Boolean(config.into), mode, force: [], format: 'text', ...(templatesDir ? { templatesDir } : {}) },
      io,
    );
    return {
      ok: report?.ok ?? false,
      diagnostics: diagnostics as Diagnostic[],
      files: (report?.files ?? []).map((f) => ({ path: f.path, status: f.status, ...(f.diff ? { diff: f.diff } : {}) })),
    };
  } catch (error) {
    if (error instanceof ModelReadError) return { ok: false, diagnostics: [error.diagnostic], files: [] };
    if (error instanceof ConfigError) return problem('E_CONFIG', error.file, error.message, 'fix the project config (docs/cli.md, "Project config")');
    if (error instanceof UsageError) return problem('E_USAGE', '', error.message, 'check stormsmith.config.json');
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code === 'string') return problem('E_IO', e.path ?? '', e.message, 'check the output folder and its permissions');
    throw error;
  }
}

export async function loadGenerationEngine(): Promise<GenerationEngine> {
  return {
    preview: (realRoot) => generate(realRoot, 'dry-run'),
    run: (realRoot) => generate(realRoot, 'write'),
  };
}
