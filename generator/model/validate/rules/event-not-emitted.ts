// An event that no command emits and no external system delivers can never appear in a stream:
// dead model, or a missing `emits` entry. A retired event (`retired: true`) is emitted by nothing
// on purpose: stored streams still hold it, so it stays in the model (docs/adr/0090).
import { isDraftEvent } from '../../drafts.js';
import { report, type Rule } from '../rule.js';

export const eventNotEmitted: Rule = {
  id: 'event-not-emitted',
  code: 'E_EVENT_NOT_EMITTED',
  severity: 'error',
  description: 'Every event is emitted by a command or delivered by an external system.',
  check(model, index) {
    const out = [];
    for (const c of model.contexts) {
      for (const event of c.events) {
        if ((index.emitters.get(event) ?? []).length > 0) continue;
        if (event.retired) continue;
        // A draft (no aggregate or source yet) is one warning, W_DRAFT, until it is settled.
        if (isDraftEvent(event)) continue;
        const origin = event.source ? `external system ${event.source.name}` : event.aggregate ? `a command of ${event.aggregate.name}` : 'a command';
        out.push(
          report(this, {
            at: event.loc,
            message: `nothing emits event ${event.name}`,
            hint: event.source
              ? `list it under \`emits\` of ${origin}`
              : `add ${event.name} to \`emits\` of ${origin}, or mark it \`retired: true\` if it is no longer emitted (stored streams still replay it)`,
          }),
        );
      }
    }
    return out;
  },
};
