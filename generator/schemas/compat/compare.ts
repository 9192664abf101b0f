// compareSchemas(old, new, direction): the pure entry point of the compatibility engine.

import { RULE_FAMILIES, ruleInfo } from './registry.js';
import type { Change, Compatibility, CompareOptions, ComparisonResult, Schema } from './types.js';
import { Walk } from './walk.js';

/** Every difference between two schemas with its per-direction verdict, in a stable order. */
export function diffSchemas(oldSchema: Schema, newSchema: Schema, options: CompareOptions = {}): Change[] {
  const walk = new Walk(oldSchema, newSchema, RULE_FAMILIES, options);
  walk.sub(oldSchema, newSchema, '', true);
  // Stable, de-duplicated output (one rule fires once per path).
  const seen = new Set<string>();
  const out: Change[] = [];
  for (const c of walk.changes) {
    const key = `${c.path}\u0000${c.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

export const breaks = (c: Change, compatibility: Compatibility): boolean =>
  compatibility === 'backward' ? c.breaksBackward : compatibility === 'forward' ? c.breaksForward : c.breaksBackward || c.breaksForward;

/**
 * Can data written under `oldSchema` be read under `newSchema` (backward), the reverse
 * (forward), or both (full)? Code-category changes (titles) never make data incompatible.
 */
export function compareSchemas(oldSchema: Schema, newSchema: Schema, compatibility: Compatibility, options: CompareOptions = {}): ComparisonResult {
  const changes = diffSchemas(oldSchema, newSchema, options);
  const breaking = changes.filter((c) => breaks(c, compatibility) && ruleInfo(c.rule).category !== 'code');
  return { compatible: breaking.length === 0, breaking, changes };
}
