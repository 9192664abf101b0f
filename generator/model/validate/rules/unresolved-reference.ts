// A name that points at nothing: `emits: [OrderPlacd]`. The most common typo in a model, so the
// hint proposes the closest name of the expected kind.
import { suggestName } from '../suggest-name.js';
import { kindsLabel, withArticle } from '../references.js';
import type { Model } from '../../types.js';
import { report, type Rule } from '../rule.js';

const isRejection = (model: Model, context: string, name: string): boolean =>
  model.contexts.some((c) => c.name === context && c.commands.some((command) => command.rejects.some((rejection) => rejection.name === name)));

export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  code: 'E_UNRESOLVED_REF',
  severity: 'error',
  description: 'Every name used as a reference (emits, on, issues, from, aggregate, actor, source, about, specs) must name an element; a hotspot `about` may also name a rejection of a command.',
  check(model, index) {
    const out = [];
    for (const r of index.references) {
      const resolution = index.resolve(r.ref, r.from, r.kinds);
      const written = r.ref.context ? `${r.ref.context}.${r.ref.name}` : r.ref.name;
      const label = kindsLabel(r.kinds);
      if (resolution.status === 'missing') {
        // A hotspot may be about a rejection (a business rule) of a command of the named context:
        // rejections are not elements, but they are where many open questions sit (issue 17 item 6).
        if (r.slot?.relation === 'about' && isRejection(model, r.ref.context ?? r.from, r.ref.name)) continue;
        const guess = suggestName(r.ref.name, index.namesOfKinds(r.kinds));
        const proposal = guess && r.ref.context ? `${r.ref.context}.${guess}` : guess;
        out.push(
          report(this, {
            at: r.ref.loc,
            message: `unknown ${label} "${written}" (${r.role})`,
            hint: proposal ? `did you mean "${proposal}"?` : `define ${withArticle(label)} named ${r.ref.name}, or fix the name`,
          }),
        );
      } else if (resolution.status === 'unknown-context') {
        const guess = suggestName(r.ref.context ?? '', index.contexts.keys());
        out.push(
          report(this, {
            at: r.ref.loc,
            message: `unknown context "${r.ref.context}" in "${written}" (${r.role})`,
            hint: guess ? `did you mean "${guess}.${r.ref.name}"?` : `known contexts: ${[...index.contexts.keys()].join(', ')}`,
          }),
        );
      } else if (resolution.status === 'ambiguous') {
        const contexts = resolution.candidates.map((c) => c.context);
        out.push(
          report(this, {
            code: 'E_AMBIGUOUS_REF',
            at: r.ref.loc,
            message: `"${r.ref.name}" (${r.role}) is defined in several contexts: ${contexts.join(', ')}`,
            hint: `qualify the name with its context, e.g. ${contexts[0]}.${r.ref.name}`,
            related: resolution.candidates.map((c) => c.loc),
          }),
        );
      }
    }
    return out;
  },
};
