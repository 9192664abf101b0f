// The stages every generating command shares: read model files -> load -> validate -> plan.
// IO stays here at the edge; the stages themselves (loadModel, validateModel, plan) are pure.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelOnDisk } from './io/read-model.js';
import type { ContextCache } from './io/load-model-from-disk.js';
import type { Diagnostic, Model, SourceFile } from './model/types.js';
import type { FileMap } from './plan-types.js';

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

/** A model-relative file as the user sees it: relative to cwd when inside it, else absolute. */
function displayFileFor(root: string, cwd: string): (file: string) => string {
  return (file) => {
    const rel = path.relative(cwd, path.join(root, file));
    return (rel.startsWith('..') ? path.join(root, file) : rel).split(path.sep).join('/');
  };
}

/**
 * Reads, loads and validates; `model` is absent when errors block generation. A path that cannot
 * be read throws ModelReadError (an E_IO diagnostic; the command exits 2). Given the files
 * already read (`onDisk`), it loads those bytes instead of reading again.
 */
export async function loadAndValidate(modelPath: string, cwd: string, onDisk?: ModelOnDisk, contextCache?: ContextCache, known?: readonly Diagnostic[]): Promise<ModelStage> {
  // The loader (yaml and the model core) is imported when a model is loaded, not by a run the plan cache answers.
  const { loadModelFromDisk, loadModelRead } = await import('./io/load-model-from-disk.js');
  const options = contextCache ? { contextCache } : {};
  const { root, files, loaded } = onDisk ? await loadModelRead(onDisk, options) : await loadModelFromDisk(modelPath, options);
  const { validateModel, sortDiagnostics } = await import('./model/validate/index.js');
  const shown = displayFileFor(root, cwd);
  const relocate = (d: Diagnostic): Diagnostic => ({ ...d, file: shown(d.file), ...(d.related ? { related: d.related.map((r) => ({ ...r, file: shown(r.file) })) } : {}) });
  if (files.length === 0) {
    return { files, root, displayFile: shown, diagnostics: [{ code: 'E_NO_MODEL', severity: 'error', file: shown('.'), line: 1, col: 1, message: 'no .yaml model files found', hint: 'point stormsmith at a model folder, e.g. `stormsmith generate models/library`' }] };
  }
  // The diagnostics an earlier run recorded for these very bytes (the run index: loading and
  // validation are pure functions of them and of the generator), already shown relative to cwd.
  if (known && loaded.ok) {
    const blocked = known.some((d) => d.severity === 'error');
    return { files, root, displayFile: shown, diagnostics: [...known], ...(blocked ? {} : { model: loaded.model }) };
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
  /**
   * Take an earlier run's plan from the run index when the inputs are the same (default true).
   * generate() passes false when the planned contents of that run turned out to be gone
   * (RunIndexStale): the model is then loaded and planned, the unit entries still reused.
   */
  reuseRun?: boolean;
}

/** What plan() gets besides the model: templates (built-in + overrides) and options. */
async function planInputs(options: PlanStageOptions) {
  const { loadTemplates } = await import('./emit/templates.js');
  const overridesDir = options.templatesDir && fs.existsSync(options.templatesDir) ? options.templatesDir : undefined;
  const modelRoot = options.modelRoot && options.outDir ? modelLinkRoot(options.outDir, options.modelRoot) : undefined;
  return { into: options.into, templates: loadTemplates(overridesDir ? { overridesDir } : {}), ...(modelRoot !== undefined ? { modelRoot } : {}) };
}

/**
 * The model folder relative to the output folder, for the ADR drafts' links; null when the
 * model lies outside the repository that holds the output (a relative link would climb out of
 * it, up to the filesystem root for a model in /tmp: issue 17 item 9). The repository is the
 * nearest folder above the output with a `.git`; without one, only a path that climbs all the
 * way to the filesystem root is left unlinked.
 */
export function modelLinkRoot(outDir: string, modelRoot: string): string | null {
  const relative = path.relative(outDir, modelRoot);
  const inside = (dir: string, root: string) => {
    const r = path.relative(root, dir);
    return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
  };
  let repo: string | undefined;
  for (let dir = path.resolve(outDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      repo = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  const outside = repo !== undefined ? !inside(path.resolve(modelRoot), repo) : path.isAbsolute(relative) || relative.split(path.sep).filter((s) => s === '..').length >= path.resolve(outDir).split(path.sep).filter(Boolean).length;
  return outside ? null : relative.split(path.sep).join('/') || '.';
}

export async function planModel(model: Model, options: PlanStageOptions): Promise<FileMap> {
  const [{ plan }, { openPlanCache }] = await Promise.all([import('./plan.js'), import('./plan-cache/open.js')]);
  const cache = options.outDir && options.cache !== 'off' ? openPlanCache(options.outDir) : undefined;
  const files = await plan(model, { ...(await planInputs(options)), ...(cache ? { cache } : {}) });
  if (cache && options.cache === 'read-write') cache.saveIfOwned();
  return files;
}

/**
 * `check`: read, load and validate (check needs the model for its other steps), and take the
 * plan of an earlier generate with byte-identical inputs from the run index when there is one
 * (its files carry hashes, ADR 0100); without one, `plan` is absent and the caller plans. The
 * index only holds runs that generated, so a model with drafts (planned by check, refused by
 * generate) never finds one.
 */
export async function loadValidateAndIndexedPlan(modelPath: string, cwd: string, options: Omit<PlanStageOptions, 'modelRoot' | 'cache' | 'reuseRun'>): Promise<{ stage: ModelStage; plan?: FileMap }> {
  const [{ openPlanCache }, { runKey }, { readModel }] = await Promise.all([import('./plan-cache/open.js'), import('./plan-cache/run-index.js'), import('./io/read-model.js')]);
  const onDisk = await readModel(modelPath);
  const cache = options.outDir ? openPlanCache(options.outDir) : undefined;
  // The run index is keyed on the model bytes: when it answers, its diagnostics are this model's
  // (the rules are not run again; the model is still loaded, from the loaded-files cache).
  const key = cache && onDisk.files.length > 0 ? runKey(onDisk.files, { root: onDisk.root, cwd, options: await planInputs({ ...options, modelRoot: onDisk.root }) }) : undefined;
  const earlier = key ? cache!.earlierRun(key) : undefined;
  const stage = await loadAndValidate(modelPath, cwd, onDisk, cache, earlier?.diagnostics);
  if (!stage.model) return { stage };
  return { stage, ...(earlier ? { plan: earlier.plan } : {}) };
}

/**
 * Read, load, validate and plan, as generate does. With the plan cache of an output folder, a
 * run whose model files, options and templates are byte for byte those of an earlier run takes
 * that run's plan and diagnostics from the cache (plan-cache/run-index.ts) without loading the
 * model; `stage.model` is then absent, and `plan` is present whenever errors do not block.
 */
export async function loadValidateAndPlan(modelPath: string, cwd: string, options: Omit<PlanStageOptions, 'modelRoot'>): Promise<{ stage: ModelStage; plan?: FileMap }> {
  // The planner (every emitter, json-schema-to-typescript, prettier) is imported only when a run
  // plans: a run the index answers loads none of it.
  const [{ openPlanCache }, { runKey }, { readModel }] = await Promise.all([
    import('./plan-cache/open.js'),
    import('./plan-cache/run-index.js'),
    import('./io/read-model.js'),
  ]);
  const cache = options.outDir && options.cache !== 'off' ? openPlanCache(options.outDir) : undefined;
  // ADRs link to the model folder relative to the output folder.
  const inputs = new Map<string, ReturnType<typeof planInputs>>();
  const inputsFor = (root: string) => inputs.get(root) ?? inputs.set(root, planInputs({ ...options, modelRoot: root })).get(root)!;
  const keyOf = async (files: readonly SourceFile[], root: string) => runKey(files, { root, cwd, options: await inputsFor(root) });
  // Each input is read once: the bytes the cache key is computed from are the bytes loaded.
  const onDisk = await readModel(modelPath);
  const key = cache && onDisk.files.length > 0 ? await keyOf(onDisk.files, onDisk.root) : undefined;
  const earlier = key && options.reuseRun !== false ? cache!.earlierRun(key) : undefined;
  if (earlier) return { stage: { files: onDisk.files, root: onDisk.root, displayFile: displayFileFor(onDisk.root, cwd), diagnostics: earlier.diagnostics }, plan: earlier.plan };
  const stage = await loadAndValidate(modelPath, cwd, onDisk, cache);
  if (!stage.model) return { stage };
  // Drafts validate (as warnings) but never generate: name them all, write nothing (ADR 0040;
  // test/generator/generate-drafts.test.ts).
  const { draftsOf, draftsRefusal } = await import('./model/drafts.js');
  const refusal = draftsRefusal(draftsOf(stage.model), stage.displayFile);
  if (refusal) return { stage: { ...stage, diagnostics: [...stage.diagnostics, refusal] } };
  const { plan } = await import('./plan.js');
  const files = await plan(stage.model, { ...(await inputsFor(stage.root)), ...(cache ? { cache } : {}) });
  if (cache && key && options.cache === 'read-write') cache.saveIfOwned({ key, diagnostics: stage.diagnostics });
  return { stage, plan: files };
}
