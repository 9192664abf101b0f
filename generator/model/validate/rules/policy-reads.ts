// A policy's `reads:` names read models its logic looks at (docs/adr/0096). Contexts talk
// through published events only (a read model's tables are its context's own business, with no
// schema gate of their own), so a policy reads only read models of its own context; to use another
// context's facts, build a read model here from that context's published events.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const policyReads: Rule = {
  id: 'policy-reads',
  code: 'E_CROSS_CONTEXT_READ',
  severity: 'error',
  description: 'A policy reads only read models of its own context.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const policy of c.policies) {
        for (const ref of policy.reads ?? []) {
          const r = index.resolve(ref, c.name, ['projection']);
          if (r.status !== 'found' || r.element.context === c.name) continue;
          const projection = r.element;
          out.push(
            report(this, {
              at: ref.loc,
              message: `policy ${policy.name} of context ${c.name} reads read model ${projection.name} of context ${projection.context}`,
              hint: `build a read model in ${c.name} from ${projection.context}'s published events (its \`from:\` may name \`${projection.context}.Event\`) and read that one`,
              related: [projection.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};
