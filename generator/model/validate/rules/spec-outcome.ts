// A spec's `then` must be something its `when` command can actually produce: one of the events
// the command emits, or one of the errors it rejects with. Otherwise the generated test can never
// pass (and the decide function's return type would not even allow it).
import type { Diagnostic } from '../../types.js';
import { existenceRejection } from '../../existence.js';
import { report, type Rule } from '../rule.js';

export const specOutcome: Rule = {
  id: 'spec-outcome',
  code: 'E_SPEC_NOT_EMITTED',
  severity: 'error',
  description: 'A spec expects only events its command emits, or a rejection its command declares.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const spec of c.specs) {
        const r = index.resolve(spec.when.type, c.name, ['command']);
        if (r.status !== 'found') continue; // unresolved-reference reports it
        const command = r.element;
        if (spec.then.kind === 'events') {
          const emitted = new Set(index.emittedBy.get(command) ?? []);
          for (const then of spec.then.events) {
            const e = index.resolve(then.type, c.name, ['event']);
            if (e.status !== 'found' || emitted.has(e.element)) continue;
            out.push(
              report(this, {
                at: then.type.loc,
                message: `spec "${spec.name}" expects event ${then.type.name}, but command ${command.name} does not emit it`,
                hint: `expect one of ${command.emits.map((x) => x.name).join(', ') || '(none)'}, or add ${then.type.name} to ${command.name}'s emits`,
                related: [command.loc],
              }),
            );
          }
        } else if (spec.then.kind === 'rejects') {
          const error = spec.then.error;
          // Besides its own rejects, every command may be refused by existence (model/existence.ts).
          const context = model.contexts.find((x) => x.name === command.context);
          const existence = context && command.aggregate.name !== '' ? existenceRejection(context, command) : undefined;
          if (command.rejects.some((x) => x.name === error.name) || error.name === existence) continue;
          out.push(
            report(this, {
              code: 'E_SPEC_NOT_REJECTED',
              at: error.loc,
              message: `spec "${spec.name}" expects rejection ${error.name}, but command ${command.name} does not declare it`,
              hint: `expect one of ${[...command.rejects.map((x) => x.name), ...(existence ? [existence] : [])].join(', ') || '(none declared)'}, or add ${error.name} to ${command.name}'s rejects`,
              related: [command.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};
