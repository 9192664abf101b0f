// One consumer (a policy's `on`, a read model's `from`, an external system's `consumes`) may not
// take two events of one name from different contexts: stored event types carry no context
// (`LoanMade` of Lending and of Billing are both stored as type `LoanMade`), so the generated
// handler could not tell them apart, and its per-event members (`onLoanMade`, the type imports)
// would be declared twice (found by the valid-model arbitrary, issue 17a: TS2300 in an outbound
// adapter).
import type { Diagnostic, NameRef } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const consumedEventNames: Rule = {
  id: 'consumed-event-names',
  code: 'E_AMBIGUOUS_EVENT_TYPE',
  severity: 'error',
  description: 'A policy, read model or external system does not consume two events of one name from different contexts (stored event types carry no context).',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      const consumers: { what: string; refs: readonly NameRef[] }[] = [
        ...c.policies.map((p) => ({ what: `policy ${p.name}`, refs: p.on })),
        ...c.projections.map((p) => ({ what: `read model ${p.name}`, refs: p.from })),
        ...c.externalSystems.map((s) => ({ what: `external system ${s.name}`, refs: s.consumes ?? [] })),
      ];
      for (const { what, refs } of consumers) {
        const seen = new Map<string, { context: string; ref: NameRef }>();
        for (const ref of refs) {
          const r = index.resolve(ref, c.name, ['event']);
          if (r.status !== 'found') continue;
          const first = seen.get(r.element.name);
          if (!first) {
            seen.set(r.element.name, { context: r.element.context, ref });
            continue;
          }
          if (first.context === r.element.context) continue;
          out.push(
            report(this, {
              at: ref.loc,
              message: `${what} of ${c.name} consumes both ${first.context}.${r.element.name} and ${r.element.context}.${r.element.name}: stored events of both have the type ${r.element.name}, so they cannot be told apart`,
              hint: `consume one of them here, or rename one of the two events (keep its old name under \`formerly\` if it was released)`,
              related: [first.ref.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};
