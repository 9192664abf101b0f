// An event comes from at most one place: an aggregate of this context (`aggregate:`) or an
// external system (`source:`); with neither it is a draft (rules/draft.ts). With both or neither the generator cannot tell whether to emit it
// from a decide function or to accept it at the context's boundary. An external system's `emits`
// list and its events' `source` must agree.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const eventOrigin: Rule = {
  id: 'event-origin',
  code: 'E_EVENT_ORIGIN',
  severity: 'error',
  description: 'Each event has exactly one of `aggregate` and `source`, and external systems list exactly the events whose source they are.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const event of c.events) {
        if (event.aggregate && event.source) {
          out.push(report(this, { at: event.loc, message: `event ${event.name} has both an aggregate (${event.aggregate.name}) and a source (${event.source.name})`, hint: 'keep `aggregate` for events your commands record, `source` for events an external system delivers' }));
        } else if (event.source) {
          // Neither is a draft (rule `draft`), not an error.
          const r = index.resolve(event.source, c.name, ['externalSystem']);
          if (r.status === 'found' && !r.element.emits.some((e) => e.name === event.name)) {
            out.push(report(this, { at: event.source.loc, message: `event ${event.name} names ${r.element.name} as its source, but ${r.element.name} does not list it under emits`, hint: `add ${event.name} to the emits of external system ${r.element.name}` }));
          }
        }
      }
      for (const system of c.externalSystems) {
        for (const ref of system.emits) {
          const r = index.resolve(ref, c.name, ['event']);
          if (r.status !== 'found') continue;
          const event = r.element;
          if (event.source?.name === system.name) continue;
          out.push(
            report(this, {
              at: ref.loc,
              message: `external system ${system.name} emits ${event.name}, but that event ${event.aggregate ? `belongs to aggregate ${event.aggregate.name}` : `names ${event.source?.name ?? 'no'} source`}`,
              hint: `set \`source: ${system.name}\` on ${event.name} (and no aggregate), or remove it from ${system.name}'s emits`,
              related: [event.loc],
            }),
          );
        }
      }
    }
    return out;
  },
};
