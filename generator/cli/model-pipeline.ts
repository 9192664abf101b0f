// The stages every generating command shares: read model files -> load -> validate -> plan.
// IO stays here at the edge; the stages themselves (loadModel, validateModel, plan) are pure.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Model, SourceFile } from '../model/types.js';
import type { FileMap } from '../plan-types.js';

const MODEL_FILE = /\.ya?ml$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.stormsmith']);

/** The YAML files of a model: one file, or every .yaml/.yml under a folder (sorted). */
export function readModelFiles(modelPath: string): { root: string; files: SourceFile[] } {
  const stat = fs.statSync(modelPath);
  if (stat.isFile()) {
    const bytes = fs.readFileSync(modelPath);
    return { root: path.dirname(modelPath), files: [{ path: path.basename(modelPath), text: bytes.toString('utf8'), bytes }] };
  }
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(full);
      else if (entry.isFile() && MODEL_FILE.test(entry.name)) {
        const bytes = fs.readFileSync(full);
        files.push({ path: path.relative(modelPath, full).split(path.sep).join('/'), text: bytes.toString('utf8'), bytes });
      }
    }
  };
  walk(modelPath);
  return { root: modelPath, files };
}

export interface ModelStage {
  model?: Model;
  /** Loader and validator diagnostics, with file paths as the user sees them (relative to cwd). */
  diagnostics: Diagnostic[];
  /** Model files, for the output's `sources`. */
  files: SourceFile[];
  /** A model-relative file (as in `loc.file`) as the user sees it. */
  displayFile: (file: string) => string;
}

/** Reads, loads and validates; `model` is absent when errors block generation. */
export async function loadAndValidate(modelPath: string, cwd: string): Promise<ModelStage> {
  const { root, files } = readModelFiles(modelPath);
  const [{ loadModel }, { validateModel }] = await Promise.all([import('../model/load.js'), import('../model/validate/index.js')]);
  const shown = (file: string) => {
    const rel = path.relative(cwd, path.join(root, file));
    return (rel.startsWith('..') ? path.join(root, file) : rel).split(path.sep).join('/');
  };
  const relocate = (d: Diagnostic): Diagnostic => ({ ...d, file: shown(d.file), ...(d.related ? { related: d.related.map((r) => ({ ...r, file: shown(r.file) })) } : {}) });
  if (files.length === 0) {
    return { files, displayFile: shown, diagnostics: [{ code: 'E_NO_MODEL', severity: 'error', file: shown('.'), line: 1, col: 1, message: 'no .yaml model files found', hint: 'point stormsmith at a model folder, e.g. `stormsmith generate models/library`' }] };
  }
  const loaded = loadModel(files);
  const diagnostics = [...loaded.diagnostics];
  if (loaded.ok) diagnostics.push(...validateModel(loaded.model));
  const blocked = !loaded.ok || diagnostics.some((d) => d.severity === 'error');
  return { files, displayFile: shown, diagnostics: diagnostics.map(relocate), ...(blocked ? {} : { model: loaded.model }) };
}

export interface PlanStageOptions {
  into: boolean;
  /** Folder of template overrides (layered over the built-in templates). */
  templatesDir?: string;
}

export async function planModel(model: Model, options: PlanStageOptions): Promise<FileMap> {
  const [{ plan }, { loadTemplates }] = await Promise.all([import('../plan.js'), import('../emit/templates.js')]);
  const overridesDir = options.templatesDir && fs.existsSync(options.templatesDir) ? options.templatesDir : undefined;
  return plan(model, { into: options.into, templates: loadTemplates(overridesDir ? { overridesDir } : {}) });
}
