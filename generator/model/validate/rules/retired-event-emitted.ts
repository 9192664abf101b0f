// A retired event (`retired: true`) is kept only so stored streams still replay; no command may
// append it again. Listing it under a command's `emits` contradicts the retirement (docs/adr/0090).
// External systems are left alone: what they deliver is not decided here (E_EVENT_ORIGIN keeps
// the system and the event in agreement).
import type { Diagnostic, Event } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const retiredEventEmitted: Rule = {
  id: 'retired-event-emitted',
  code: 'E_RETIRED_EVENT_EMITTED',
  severity: 'error',
  description: 'No command emits a retired event.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const command of c.commands) {
        for (const ref of command.emits) {
          const r = index.resolve(ref, c.name, ['event']);
          if (r.status !== 'found') continue;
          const event = r.element as Event;
          if (!event.retired) continue;
          out.push(
            report(this, {
              at: ref.loc,
              message: `command ${command.name} emits retired event ${event.name}`,
              hint: `remove ${event.name} from \`emits\` of ${command.name} (emit a new event instead), or drop \`retired: true\` from ${event.name} if it is still produced`,
              related: [event.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};
