// A relationship must point at a context of the model, other than its own, and once.
import { suggestName } from '../suggest-name.js';
import type { Diagnostic } from '../../types.js';
import { report, where, type Rule } from '../rule.js';

export const relationshipTarget: Rule = {
  id: 'relationship-target',
  code: 'E_UNRESOLVED_REF',
  severity: 'error',
  description: 'Relationships name another existing context, each at most once.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      const seen = new Map<string, (typeof c.relationships)[number]>();
      for (const rel of c.relationships) {
        if (rel.context === c.name) {
          out.push(report(this, { code: 'E_RELATIONSHIP', at: rel.loc, message: `context ${c.name} declares a relationship with itself`, hint: 'relationships describe how this context depends on another one; remove this entry' }));
        } else if (!index.contexts.has(rel.context)) {
          const guess = suggestName(rel.context, index.contexts.keys());
          out.push(
            report(this, {
              at: rel.loc,
              message: `context ${c.name} declares a relationship with unknown context "${rel.context}"`,
              hint: guess ? `did you mean "${guess}"?` : `known contexts: ${[...index.contexts.keys()].join(', ')}`,
            }),
          );
        }
        const first = seen.get(rel.context);
        if (first) {
          out.push(
            report(this, {
              code: 'E_RELATIONSHIP',
              at: rel.loc,
              message: `context ${c.name} declares its relationship with ${rel.context} twice (first at ${where(first.loc)})`,
              hint: 'keep one entry per context; describe both aspects in its description',
              related: [first.loc],
            }),
          );
        } else seen.set(rel.context, rel);
      }
    }
    return out;
  },
};
