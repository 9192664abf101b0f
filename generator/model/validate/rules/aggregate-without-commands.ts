// An aggregate that no command targets can never change state: usually its commands were put on
// another aggregate by mistake, or the aggregate is a leftover from the workshop.
import type { Diagnostic } from '../../types.js';
import type { NamedElement } from '../name-index.js';
import { report, type Rule } from '../rule.js';

export const aggregateWithoutCommands: Rule = {
  id: 'aggregate-without-commands',
  code: 'W_AGGREGATE_UNUSED',
  severity: 'warning',
  description: 'Every aggregate handles at least one command.',
  check(model, index) {
    const targeted = new Set<NamedElement>();
    for (const c of model.contexts) {
      for (const command of c.commands) {
        const r = index.resolve(command.aggregate, c.name, ['aggregate']);
        if (r.status === 'found') targeted.add(r.element);
      }
    }
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const aggregate of c.aggregates) {
        if (targeted.has(aggregate)) continue;
        out.push(report(this, { at: aggregate.loc, message: `aggregate ${aggregate.name} handles no command`, hint: `set \`aggregate: ${aggregate.name}\` on the commands it decides, or remove it` }));
      }
    }
    return out;
  },
};
