// Two elements of one context with the same name, of any kind and in any file, would generate two
// declarations with one name; two files declaring the same context would merge silently.
// Reported at every later definition, pointing back at the first (hardening.md C1.4).
import type { Diagnostic, SourceSpan } from '../../types.js';
import { KIND_LABEL } from '../references.js';
import { report, where, type Rule } from '../rule.js';

export const duplicateName: Rule = {
  id: 'duplicate-name',
  code: 'E_DUPLICATE_NAME',
  severity: 'error',
  description: 'Element names are unique within a context across all kinds and files; a context is declared by one file only.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const [name, declared] of index.contexts) {
      if (declared.length < 2) continue;
      const [first, ...rest] = [...declared].sort((a, b) => comparePos(a.loc, b.loc));
      for (const again of rest) {
        out.push(
          report(this, {
            at: again.loc,
            message: `context "${name}" is declared twice: at ${where(first!.loc)} and ${where(again.loc)}`,
            hint: 'keep one file per bounded context: move these elements into the first file, or rename one of the contexts',
            related: [first!.loc],
          }),
        );
      }
    }
    for (const [name, elements] of index.byName) {
      if (elements.length < 2) continue;
      const byContext = new Map<string, typeof elements>();
      for (const e of elements) byContext.set(e.context, [...(byContext.get(e.context) ?? []), e]);
      for (const [context, same] of byContext) {
        if (same.length < 2) continue;
        const [first, ...rest] = [...same].sort((a, b) => comparePos(a.loc, b.loc));
        for (const again of rest) {
          out.push(
            report(this, {
              at: again.loc,
              message: `"${name}" is defined twice in context ${context}: ${KIND_LABEL[first!.kind]} at ${where(first!.loc)} and ${KIND_LABEL[again.kind]} at ${where(again.loc)}`,
              hint: `names share one namespace per context (they become TypeScript types); rename one, e.g. ${name}${KIND_LABEL[again.kind].replace(/(^| )(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
              related: [first!.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};

export function comparePos(a: SourceSpan, b: SourceSpan): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col;
}
