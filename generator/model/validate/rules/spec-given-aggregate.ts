// `given` is the history of the stream the `when` command runs against, so every given event
// must belong to the command's aggregate. An event of another aggregate cannot be in that stream.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const specGivenAggregate: Rule = {
  id: 'spec-given-aggregate',
  code: 'E_SPEC_GIVEN',
  severity: 'error',
  description: 'Given events of a spec belong to the aggregate of its when command.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const spec of c.specs) {
        const r = index.resolve(spec.when.type, c.name, ['command']);
        if (r.status !== 'found') continue;
        const command = r.element;
        // A draft command has no stream yet (rule `draft` says so).
        if (command.aggregate.name === '') continue;
        for (const given of spec.given) {
          const e = index.resolve(given.type, c.name, ['event']);
          if (e.status !== 'found') continue;
          const event = e.element;
          if (event.aggregate?.name === command.aggregate.name && event.context === command.context) continue;
          out.push(
            report(this, {
              at: given.type.loc,
              message: `spec "${spec.name}": given event ${event.name} ${event.aggregate ? `belongs to aggregate ${event.aggregate.name}` : `comes from external system ${event.source?.name ?? '?'}`}, but command ${command.name} runs on ${command.aggregate.name}`,
              hint: `given lists the earlier events of the ${command.aggregate.name} stream; use events of ${command.aggregate.name} only`,
            }),
          );
        }
      }
    }
    return out;
  },
};
