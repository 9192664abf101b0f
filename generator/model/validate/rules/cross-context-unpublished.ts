// A policy or projection in one context that consumes an event of another context depends on
// that event's schema. Only `published` events get the strict (FULL_TRANSITIVE) schema gate, so
// consuming an internal event of another context lets its owners break you without warning.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const crossContextUnpublished: Rule = {
  id: 'cross-context-unpublished',
  code: 'E_UNPUBLISHED_EVENT',
  severity: 'error',
  description: 'Events consumed by another context are marked `published: true` (integration events).',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const r of index.references) {
      if (!r.consumes) continue;
      const resolved = index.resolve(r.ref, r.from, r.kinds);
      if (resolved.status !== 'found' || resolved.element.kind !== 'event') continue;
      const event = resolved.element;
      if (event.context === r.from || event.published) continue;
      out.push(
        report(this, {
          at: r.ref.loc,
          message: `${r.owner} consumes event ${event.name} of context ${event.context}, which is not published`,
          hint: `mark ${event.name} \`published: true\` in ${event.loc.file} so its schema is held to the integration-event rules, or consume a published event instead`,
          related: [event.loc],
        }),
      );
    }
    return out;
  },
};
