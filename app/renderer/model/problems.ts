// Diagnostics -> stickies. A diagnostic points at a file position; the sticky it belongs to is
// the element whose YAML entry contains that position: from the element's key to the next
// element's key (or the next section that is not an element, such as specs).

import type { Diagnostic, Element, Model } from '../../../generator/model/types.js';
import type { ProblemCount } from './graph.js';
import { allElements, nodeIdOf, refOf } from './refs.js';

interface Start {
  line: number;
  col: number;
  /** Node id, or null for a section that belongs to no sticky. */
  id: string | null;
}

const before = (a: { line: number; col: number }, b: { line: number; col: number }) => a.line < b.line || (a.line === b.line && a.col <= b.col);

/** Map each diagnostic to the node id of its sticky (undefined when it belongs to none). */
export function problemTargets(model: Model, diagnostics: readonly Diagnostic[]): (string | undefined)[] {
  const starts = new Map<string, Start[]>();
  const add = (file: string, s: Start) => {
    if (s.line <= 0) return;
    const list = starts.get(file) ?? [];
    list.push(s);
    starts.set(file, list);
  };
  for (const el of allElements(model) as Element[]) add(el.loc.file, { line: el.loc.line, col: el.loc.col, id: nodeIdOf(refOf(el)) });
  for (const ctx of model.contexts) {
    for (const s of ctx.specs) add(s.loc.file, { line: s.loc.line, col: s.loc.col, id: null });
    for (const r of ctx.relationships) add(r.loc.file, { line: r.loc.line, col: r.loc.col, id: null });
    const a = ctx.architecture;
    for (const loc of [a.eventStore?.loc, a.retry?.loc, ...a.slas.map((s) => s.loc), ...a.decisions.map((d) => d.loc)]) {
      if (loc) add(loc.file, { line: loc.line, col: loc.col, id: null });
    }
  }
  for (const list of starts.values()) list.sort((a, b) => a.line - b.line || a.col - b.col);
  return diagnostics.map((d) => {
    const list = starts.get(d.file);
    if (!list) return undefined;
    let hit: Start | undefined;
    for (const s of list) {
      if (before(s, d)) hit = s;
      else break;
    }
    // Section headers (`events:`) sit at column 1, before their first element's key: a
    // diagnostic there belongs to the file, not to the element above it.
    if (hit && d.col < hit.col && d.line > hit.line) return undefined;
    return hit?.id ?? undefined;
  });
}

/** Errors and warnings per sticky, for the badges. */
export function problemCounts(model: Model, diagnostics: readonly Diagnostic[]): Map<string, ProblemCount> {
  const targets = problemTargets(model, diagnostics);
  const out = new Map<string, ProblemCount>();
  diagnostics.forEach((d, i) => {
    const id = targets[i];
    if (!id || d.severity === 'info') return;
    const c = out.get(id) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else c.warnings++;
    c.first ??= d.message;
    out.set(id, c);
  });
  return out;
}
