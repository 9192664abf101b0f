// loadModel: YAML text of one or many files -> the typed model with source positions.
//
// Purely structural and positional: shapes, types, the short type syntax, required and unknown
// keys, and every input hazard of hardening.md C1. Semantic checks (references, duplicates
// across files, cycles, naming) belong to the validator (generator/model/validate).
// Never throws: an unexpected failure becomes an E_INTERNAL diagnostic.

import { readContext } from './load/context.js';
import { decodeSource } from './load/decode.js';
import { DEFAULT_LIMITS, parseYaml, type ParseLimits } from './load/parse-yaml.js';
import { Reader } from './load/reader.js';
import { domainFileOfLayout, isLayoutFile, parseLayout } from './layout.js';
import type { BoundedContext, Diagnostic, LoadResult, Model, SourceFile } from './types.js';

export type LoadOptions = Partial<ParseLimits>;

export interface ContextFileResult {
  context?: BoundedContext;
  diagnostics: Diagnostic[];
}

/** Loads one domain file (not a layout). */
export function loadContextFile(file: SourceFile, options: LoadOptions = {}): ContextFileResult {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options };
  try {
    const decoded = decodeSource(file);
    if (!decoded.ok) return { diagnostics: [fileDiagnostic(file.path, 'E_ENCODING', decoded.message, decoded.hint)] };
    const parsed = parseYaml(file.path, decoded.text, decoded.byteLength, limits);
    if (!parsed.doc) return { diagnostics: parsed.diags.finish() };
    const context = readContext(new Reader(parsed.src, parsed.diags), parsed.doc);
    return { ...(context ? { context } : {}), diagnostics: parsed.diags.finish() };
  } catch (error) {
    return { diagnostics: [internalError(file.path, error)] };
  }
}

export function loadModel(files: readonly SourceFile[], options: LoadOptions = {}): LoadResult {
  const model: Model = { contexts: [], layouts: {} };
  const diagnostics: Diagnostic[] = [];
  // Sorted by path so the model (and everything generated from it) does not depend on the
  // order in which a directory listing returned the files.
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    if (isLayoutFile(file.path)) {
      try {
        const decoded = decodeSource(file);
        if (!decoded.ok) {
          diagnostics.push(fileDiagnostic(file.path, 'E_ENCODING', decoded.message, decoded.hint));
          continue;
        }
        const { layout, diagnostics: layoutDiagnostics } = parseLayout(decoded.text, file.path, { ...DEFAULT_LIMITS, ...options }, decoded.byteLength);
        model.layouts[domainFileOfLayout(file.path)] = layout;
        diagnostics.push(...layoutDiagnostics);
      } catch (error) {
        diagnostics.push(internalError(file.path, error));
      }
      continue;
    }
    const result = loadContextFile(file, options);
    if (result.context) model.contexts.push(result.context);
    diagnostics.push(...result.diagnostics);
  }
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return ok ? { ok: true, model, diagnostics } : { ok: false, model, diagnostics };
}

function fileDiagnostic(file: string, code: string, message: string, hint: string): Diagnostic {
  return { code, severity: 'error', file, line: 1, col: 1, message, hint };
}

function internalError(file: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return fileDiagnostic(file, 'E_INTERNAL', `the loader failed on this file: ${message}`, 'this is a bug in stormsmith; please report it with the file');
}
