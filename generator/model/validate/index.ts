// validateModel: runs every rule of the registry over a loaded model and returns the diagnostics
// in a deterministic order. Pure and browser-safe: the canvas runs it on every edit.
import type { Diagnostic, Model } from '../types.js';
import { buildNameIndex } from './name-index.js';
import { RULES } from './registry.js';
import type { Rule } from './rule.js';

export type { Rule } from './rule.js';
export { RULES } from './registry.js';
export { buildNameIndex, type NameIndex } from './name-index.js';

export interface ValidateOptions {
  /** Run only these rules (by id); all rules when absent. */
  rules?: readonly string[];
}

export function validateModel(model: Model, options: ValidateOptions = {}): Diagnostic[] {
  const index = buildNameIndex(model);
  const rules: readonly Rule[] = options.rules ? RULES.filter((r) => options.rules!.includes(r.id)) : RULES;
  const out: Diagnostic[] = [];
  for (const rule of rules) out.push(...rule.check(model, index));
  return sortDiagnostics(out);
}

/**
 * Sorts by file, line, column, code, then message: the same model always prints the same
 * output, whatever order the rules ran in. Plain code-unit comparison, never localeCompare, so the
 * order does not depend on the machine's locale (hardening.md C4.38).
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...diagnostics].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}
