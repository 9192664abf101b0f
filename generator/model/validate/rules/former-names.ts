// `formerly: [OldName]` on an event (docs/adr/0091): stored events of type OldName are read as
// this event. A former name must therefore be gone from the model and belong to one event only:
// if it still named an event (in any context; generated readers rename across contexts), or two
// events claimed it, a stored OldName could not be told apart. A rename moves an event within its
// context: a former name qualified with another context is refused.
import type { Diagnostic, NameRef } from '../../types.js';
import { report, where, type Rule } from '../rule.js';

export const formerNames: Rule = {
  id: 'former-names',
  code: 'E_FORMERLY',
  severity: 'error',
  description: 'A former event name (`formerly`) names no event of the model, and belongs to one event of its context.',
  check(model, index) {
    const out: Diagnostic[] = [];
    const claimed = new Map<string, { event: string; context: string; at: NameRef }>();
    for (const c of model.contexts) {
      for (const event of c.events) {
        for (const former of event.formerly ?? []) {
          if (former.context !== undefined && former.context !== c.name) {
            out.push(
              report(this, {
                at: former.loc,
                message: `event ${event.name} of ${c.name} names a former name in another context: ${former.context}.${former.name}`,
                hint: `a rename keeps an event in its context: write \`formerly: [${former.name}]\` (moving an event to another context is a new event)`,
              }),
            );
            continue;
          }
          if (former.name === event.name) {
            out.push(report(this, { at: former.loc, message: `event ${event.name} lists its own name under \`formerly\``, hint: `remove ${former.name} from \`formerly\`: only names the event had before belong there` }));
            continue;
          }
          const still = (index.byName.get(former.name) ?? []).filter((e) => e.kind === 'event');
          if (still.length > 0) {
            const first = still[0]!;
            out.push(
              report(this, {
                at: former.loc,
                message: `${former.name} is a former name of event ${event.name}, but event ${former.name} of ${first.context} still exists (${where(first.loc)})`,
                hint: `a renamed event's old name must be gone: delete or rename ${first.context}.${former.name}, or remove it from \`formerly\` of ${event.name} if ${event.name} was not renamed from it`,
                related: [first.loc],
              }),
            );
            continue;
          }
          const other = claimed.get(former.name);
          if (other) {
            out.push(
              report(this, {
                at: former.loc,
                // Two contexts may both have an event of one name; say which two (stored event
                // types are not qualified by context, so the claim is model-wide).
                message: `${former.name} is a former name of both ${other.context === c.name ? other.event : `${other.context}.${other.event}`} and ${other.context === c.name ? event.name : `${c.name}.${event.name}`}: a stored ${former.name} could be read as either`,
                hint: `keep ${former.name} under \`formerly\` of the one event it became${other.context === c.name ? '' : ' (stored event types are not qualified by their context)'}`,
                related: [other.at.loc],
              }),
            );
            continue;
          }
          claimed.set(former.name, { event: event.name, context: c.name, at: former });
        }
      }
    }
    return out;
  },
};
