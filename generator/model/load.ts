// loadModel: YAML text of one or many files -> the typed model with source positions.
//
// Purely structural and positional: shapes, types, the short type syntax, required and unknown
// keys, and every input hazard of hardening.md C1. Semantic checks (references, duplicates
// across files, cycles, naming) belong to the validator (generator/model/validate).
// Never throws: an unexpected failure becomes an E_INTERNAL diagnostic.

import { readContext } from './load/context.js';
import { decodeSource } from './load/decode.js';
import { fileDiagnostic, internalError } from './load/file-diagnostics.js';
import { DEFAULT_LIMITS, parseYaml, type ParseLimits } from './load/parse-yaml.js';
import { Reader } from './load/reader.js';
import { domainFileOfLayout, isLayoutFile, parseLayout } from './layout.js';
import type { BoundedContext, Diagnostic, LoadResult, Model, SourceFile } from './types.js';

/** Limits for hostile or accidental input: `maxBytes` (default 5 MB) and `maxDepth` (default 64). */
export type LoadOptions = Partial<ParseLimits>;

export interface ContextFileResult {
  context?: BoundedContext;
  diagnostics: Diagnostic[];
}

/** Loads one domain file (not a layout). */
export function loadContextFile(file: SourceFile, options: LoadOptions = {}): ContextFileResult {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options };
  try {
    const decoded = decodeSource(file, limits.maxBytes);
    if (!decoded.ok) return { diagnostics: [fileDiagnostic(file.path, decoded)] };
    const parsed = parseYaml(file.path, decoded.text, limits);
    if (!parsed.doc) return { diagnostics: parsed.diags.finish() };
    const context = readContext(new Reader(parsed.src, parsed.diags), parsed.doc);
    return { ...(context ? { context } : {}), diagnostics: parsed.diags.finish() };
  } catch (error) {
    return { diagnostics: [internalError(file.path, error)] };
  }
}

/**
 * Loads a model folder's files. Files ending in `.layout.yaml` are canvas layouts of the
 * same-named domain file; every other file is one bounded context.
 * `model` is always present: with errors it holds what could be read.
 */
export function loadModel(files: readonly SourceFile[], options: LoadOptions = {}): LoadResult {
  return assembleModel(files, (file) => loadContextFile(file, options), options);
}

/**
 * loadModel with the per-file step supplied by the caller: the Node IO layer loads domain files
 * on worker threads and hands their results in here, so that the order of contexts and
 * diagnostics, and everything else, is decided in one place for both paths.
 */
export function assembleModel(files: readonly SourceFile[], contextFile: (file: SourceFile) => ContextFileResult, options: LoadOptions = {}): LoadResult {
  const model: Model = { contexts: [], layouts: {} };
  const diagnostics: Diagnostic[] = [];
  // Sorted by path so the model (and everything generated from it) does not depend on the
  // order in which a directory listing returned the files.
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    if (isLayoutFile(file.path)) {
      const { layout, diagnostics: layoutDiagnostics } = parseLayout(file.text, file.path, options, file.bytes);
      model.layouts[domainFileOfLayout(file.path)] = layout;
      diagnostics.push(...layoutDiagnostics);
      continue;
    }
    const result = contextFile(file);
    if (result.context) model.contexts.push(result.context);
    diagnostics.push(...result.diagnostics);
  }
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return ok ? { ok: true, model, diagnostics } : { ok: false, model, diagnostics };
}
