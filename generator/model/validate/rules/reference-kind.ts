// A name that exists but is the wrong kind of thing: a policy that reacts to a command, a
// projection fed by an aggregate. Reported apart from unknown names because the fix differs.
import { KIND_LABEL, kindsLabel, withArticle } from '../references.js';
import { report, type Rule } from '../rule.js';

export const referenceKind: Rule = {
  id: 'reference-kind',
  code: 'E_WRONG_KIND',
  severity: 'error',
  description: 'A reference must name an element of the kind its position expects (policies react to events, issue commands, ...).',
  check(model, index) {
    const out = [];
    for (const r of index.references) {
      const resolution = index.resolve(r.ref, r.from, r.kinds);
      if (resolution.status !== 'wrong-kind') continue;
      const found = resolution.found[0]!;
      const expected = kindsLabel(r.kinds);
      out.push(
        report(this, {
          at: r.ref.loc,
          message: `"${r.ref.name}" is ${withArticle(KIND_LABEL[found.kind])}, but the ${r.role} must be ${withArticle(expected)}`,
          hint: `name ${withArticle(expected)} here${found.kind === 'command' && expected === 'event' ? `, e.g. an event that ${found.name} emits` : ''}`,
          related: [found.loc],
        }),
      );
    }
    return out;
  },
};
