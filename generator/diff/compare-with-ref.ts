// The model in a folder against the model committed at a git revision: the one place that reads
// both sides and runs the semantic diff. `stormsmith diff` prints its result; the canvas's
// comparison mode (WorkspaceApi.compareWith, docs/diff.md) draws it, with the old model files
// for the stickies that were removed. Neither face computes the diff itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModel } from '../model/load.js';
import type { Diagnostic, Model } from '../model/types.js';
import { loadAndValidate } from '../model-pipeline.js';
import { GitModelError, modelFilesAt } from './git-model.js';
import { diffModels, type ModelDiff } from './semantic-diff.js';

export type ComparisonFailure =
  /** The current model has errors (diagnostics say which). */
  | 'current'
  /** Not a git repository, or the revision is not a commit of it. */
  | 'git'
  /** The model at the revision does not load (diagnostics name `<ref>:<file>`). */
  | 'old';

export type RefComparison =
  | {
      ok: true;
      ref: string;
      diff: ModelDiff;
      /** The model as committed at `ref` (empty when the folder did not exist there). */
      before: Model;
      /** Its files (model-relative paths), for a face that draws what was removed. */
      beforeFiles: { path: string; text: string }[];
      after: Model;
    }
  | { ok: false; failure: ComparisonFailure; message: string; diagnostics: Diagnostic[] };

/**
 * Compares the model at `modelPath` (a folder or one file, as saved on disk) with the model
 * committed at `ref` in the folder's git repository. Diagnostics name files relative to `cwd`.
 */
export async function compareWithRef(modelPath: string, ref: string, cwd: string = modelPath): Promise<RefComparison> {
  const stage = await loadAndValidate(modelPath, cwd);
  if (!stage.model) return { ok: false, failure: 'current', message: 'the model has errors', diagnostics: stage.diagnostics };
  const modelDir = fs.statSync(modelPath).isDirectory() ? modelPath : path.dirname(modelPath);
  let files;
  try {
    files = modelFilesAt(modelDir, ref);
  } catch (error) {
    if (!(error instanceof GitModelError)) throw error;
    return { ok: false, failure: 'git', message: error.message, diagnostics: [] };
  }
  // A model that did not exist at the revision compares as empty: everything is added.
  const loaded = files.length === 0 ? { ok: true as const, model: { contexts: [], layouts: {} } as Model, diagnostics: [] } : loadModel(files);
  if (!loaded.ok || !loaded.model) {
    return { ok: false, failure: 'old', message: `the model at ${ref} does not load`, diagnostics: loaded.diagnostics.map((d) => ({ ...d, file: `${ref}:${d.file}` })) };
  }
  return {
    ok: true,
    ref,
    diff: diffModels(loaded.model, stage.model),
    before: loaded.model,
    beforeFiles: files.map((f) => ({ path: f.path, text: f.text })),
    after: stage.model,
  };
}
