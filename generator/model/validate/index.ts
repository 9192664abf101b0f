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
  /** Diagnostics kept per rule and severity (docs/security.md); the rest become one "N more" line. */
  maxPerRule?: number;
  /** Diagnostics kept per run, "N more" lines included. */
  maxPerRun?: number;
}

/** docs/security.md: a 100k-event model printed 700k lines (1 GB RSS) before these caps. */
export const MAX_DIAGNOSTICS_PER_RULE = 200;
export const MAX_DIAGNOSTICS_PER_RUN = 2000;

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function validateModel(model: Model, options: ValidateOptions = {}): Diagnostic[] {
  const index = buildNameIndex(model);
  const rules: readonly Rule[] = options.rules ? RULES.filter((r) => options.rules!.includes(r.id)) : RULES;
  const perRule = options.maxPerRule ?? MAX_DIAGNOSTICS_PER_RULE;
  const out: Diagnostic[] = [];
  for (const rule of rules) out.push(...capped(sortDiagnostics(rule.check(model, index)), perRule, `rule ${rule.id}`));
  return capped(sortDiagnostics(out), options.maxPerRun ?? MAX_DIAGNOSTICS_PER_RUN, 'this run');
}

/**
 * Keeps the first `max` diagnostics of each severity (errors first, so that a cap never turns a
 * failing model into a passing one) and adds one line per severity saying how many were left out.
 */
function capped(sorted: Diagnostic[], max: number, scope: string): Diagnostic[] {
  if (sorted.length <= max) return sorted;
  const kept: Diagnostic[] = [];
  const dropped = new Map<string, Diagnostic[]>();
  const bySeverity = [...sorted].sort((a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3));
  for (const d of bySeverity) {
    if (kept.length < max - 3) kept.push(d);
    else {
      const list = dropped.get(d.severity) ?? [];
      list.push(d);
      dropped.set(d.severity, list);
    }
  }
  for (const [severity, rest] of dropped) {
    const first = rest[0]!;
    kept.push({
      code: 'E_TOO_MANY_DIAGNOSTICS'.replace('E_', severity === 'error' ? 'E_' : severity === 'warning' ? 'W_' : 'I_'),
      severity: first.severity,
      file: first.file,
      line: first.line,
      col: first.col,
      message: `${rest.length} more ${severity === 'info' ? 'notes' : `${severity}s`} from ${scope} not shown (${[...new Set(rest.map((d) => d.code))].slice(0, 5).join(', ')})`,
      hint: 'fix the ones shown and run again; see docs/security.md for the limits',
    });
  }
  return sortDiagnostics(kept);
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
