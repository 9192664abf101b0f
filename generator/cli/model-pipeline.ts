// The stages every generating command shares: read model files -> load -> validate -> plan.
// IO stays here at the edge; the stages themselves (loadModel, validateModel, plan) are pure.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModelFromDisk } from '../io/load-model-from-disk.js';
import type { Diagnostic, Model, SourceFile } from '../model/types.js';
import type { FileMap } from '../plan-types.js';

export interface ModelStage {
  model?: Model;
  /** Loader and validator diagnostics, with file paths as the user sees them (relative to cwd). */
  diagnostics: Diagnostic[];
  /** Model files, for the output's `sources`. */
  files: SourceFile[];
  /** A model-relative file (as in `loc.file`) as the user sees it. */
  displayFile: (file: string) => string;
  /** The folder model file paths are relative to. */
  root: string;
}

/**
 * Reads, loads and validates; `model` is absent when errors block generation. A path that cannot
 * be read throws ModelReadError (an E_IO diagnostic; the command exits 2).
 */
export async function loadAndValidate(modelPath: string, cwd: string): Promise<ModelStage> {
  const { root, files, loaded } = await loadModelFromDisk(modelPath);
  const { validateModel, sortDiagnostics } = await import('../model/validate/index.js');
  const shown = (file: string) => {
    const rel = path.relative(cwd, path.join(root, file));
    return (rel.startsWith('..') ? path.join(root, file) : rel).split(path.sep).join('/');
  };
  const relocate = (d: Diagnostic): Diagnostic => ({ ...d, file: shown(d.file), ...(d.related ? { related: d.related.map((r) => ({ ...r, file: shown(r.file) })) } : {}) });
  if (files.length === 0) {
    return { files, root, displayFile: shown, diagnostics: [{ code: 'E_NO_MODEL', severity: 'error', file: shown('.'), line: 1, col: 1, message: 'no .yaml model files found', hint: 'point stormsmith at a model folder, e.g. `stormsmith generate models/library`' }] };
  }
  // As `validate` does: rules run only on a model that loaded cleanly.
  const diagnostics = loaded.ok ? sortDiagnostics([...loaded.diagnostics, ...validateModel(loaded.model)]) : sortDiagnostics(loaded.diagnostics);
  const blocked = !loaded.ok || diagnostics.some((d) => d.severity === 'error');
  return { files, root, displayFile: shown, diagnostics: diagnostics.map(relocate), ...(blocked ? {} : { model: loaded.model }) };
}

export interface PlanStageOptions {
  into: boolean;
  /** Model folder and output folder (absolute): ADRs link to the model relative to the output. */
  modelRoot?: string;
  outDir?: string;
  /** Folder of template overrides (layered over the built-in templates). */
  templatesDir?: string;
  /**
   * The plan cache in `<outDir>/.stormsmith/cache/` (generator/plan-cache): `read` (default with
   * an outDir) reuses it and writes nothing, as --check and --dry-run must; `read-write` also
   * updates it, once the folder has a manifest (so a refused first run leaves nothing behind).
   */
  cache?: 'off' | 'read' | 'read-write';
}

export async function planModel(model: Model, options: PlanStageOptions): Promise<FileMap> {
  const [{ plan }, { loadTemplates }, { openPlanCache }] = await Promise.all([import('../plan.js'), import('../emit/templates.js'), import('../plan-cache/open.js')]);
  const overridesDir = options.templatesDir && fs.existsSync(options.templatesDir) ? options.templatesDir : undefined;
  const modelRoot = options.modelRoot && options.outDir ? path.relative(options.outDir, options.modelRoot).split(path.sep).join('/') || '.' : undefined;
  const cache = options.outDir && options.cache !== 'off' ? openPlanCache(options.outDir) : undefined;
  const files = await plan(model, { into: options.into, templates: loadTemplates(overridesDir ? { overridesDir } : {}), ...(modelRoot ? { modelRoot } : {}), ...(cache ? { cache } : {}) });
  if (cache && options.cache === 'read-write') cache.saveIfOwned();
  return files;
}
