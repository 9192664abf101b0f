// An event no policy or projection reads, and that is not published to other contexts, is only
// history. That can be intended (audit), so it is a warning, not an error.
import { report, type Rule } from '../rule.js';

export const eventUnconsumed: Rule = {
  id: 'event-unconsumed',
  code: 'W_EVENT_UNCONSUMED',
  severity: 'warning',
  description: 'Events are consumed by a policy, projection or external system, or published for other contexts.',
  check(model, index) {
    const out = [];
    for (const c of model.contexts) {
      for (const event of c.events) {
        if (event.published || (index.consumers.get(event) ?? []).length > 0) continue;
        out.push(
          report(this, {
            at: event.loc,
            message: `no policy or projection consumes event ${event.name}`,
            hint: 'add it to a projection\'s `from`, a policy\'s `on` or an external system\'s `consumes`, or mark it `published: true` if other contexts consume it',
          }),
        );
      }
    }
    return out;
  },
};
