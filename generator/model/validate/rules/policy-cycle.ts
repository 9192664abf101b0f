// A policy whose command emits an event that (through any chain) triggers the same policy again
// loops forever at run time: every reaction causes the next one (hardening.md C1.17).
import type { Diagnostic, Policy } from '../../types.js';
import { findCycles, type Edge } from '../graph.js';
import { comparePos } from './duplicate-name.js';
import { report, type Rule } from '../rule.js';

export const policyCycle: Rule = {
  id: 'policy-cycle',
  code: 'E_CYCLE',
  severity: 'error',
  description: 'Policies must not trigger themselves through the commands they issue and the events those emit.',
  check(model, index) {
    const policies: Policy[] = model.contexts.flatMap((c) => c.policies);
    const edges = (policy: Policy): Edge<Policy>[] => {
      const out: Edge<Policy>[] = [];
      for (const ref of policy.issues) {
        const r = index.resolve(ref, policy.context, ['command']);
        if (r.status !== 'found') continue;
        const command = r.element;
        for (const event of index.emittedBy.get(command) ?? []) {
          for (const consumer of index.consumers.get(event) ?? []) {
            if (consumer.kind === 'policy') out.push({ to: consumer, via: [command.name, event.name] });
          }
        }
      }
      return out;
    };
    const cycles = findCycles(policies, edges, (p) => p.name, (component) => [...component].sort((a, b) => comparePos(a.loc, b.loc))[0]!);
    return cycles.map(({ start, path }): Diagnostic =>
      report(this, {
        at: start.loc,
        message: `policy loop: ${path.join(' -> ')}`,
        hint: 'break the loop: react to a different event, or let the command decide to emit nothing new when the work is already done',
      }),
    );
  },
};
