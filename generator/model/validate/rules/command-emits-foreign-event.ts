// A command is decided by one aggregate and can only append to that aggregate's stream, so it can
// only emit that aggregate's events. Emitting another aggregate's event (or an external system's)
// is a policy's job: react to the event, issue a command on the other aggregate.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const commandEmitsForeignEvent: Rule = {
  id: 'command-emits-foreign-event',
  code: 'E_FOREIGN_EVENT',
  severity: 'error',
  description: 'A command emits only events of its own aggregate.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const command of c.commands) {
        const a = index.resolve(command.aggregate, c.name, ['aggregate']);
        if (a.status !== 'found') continue;
        const aggregate = a.element;
        for (const ref of command.emits) {
          const r = index.resolve(ref, c.name, ['event']);
          if (r.status !== 'found') continue;
          const event = r.element;
          const owner = event.aggregate ? index.resolve(event.aggregate, event.context, ['aggregate']) : undefined;
          if (owner?.status === 'found' && owner.element === aggregate) continue;
          if (owner && owner.status !== 'found') continue; // the event's own aggregate is unresolved; reported there
          out.push(
            report(this, {
              at: ref.loc,
              message: `command ${command.name} of aggregate ${aggregate.name} emits ${event.name}, which ${event.aggregate ? `belongs to aggregate ${event.aggregate.name}${event.context !== c.name ? ` of context ${event.context}` : ''}` : `comes from external system ${event.source?.name ?? '?'}`}`,
              hint: `emit an event of ${aggregate.name}, and let a policy react to it by issuing a command on ${event.aggregate?.name ?? 'the other side'}`,
              related: [event.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};
