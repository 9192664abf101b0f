// An actor no command names is either a leftover sticky or a missing `actor:` on a command.
import type { Diagnostic } from '../../types.js';
import type { NamedElement } from '../name-index.js';
import { report, type Rule } from '../rule.js';

export const actorUnused: Rule = {
  id: 'actor-unused',
  code: 'W_ACTOR_UNUSED',
  severity: 'warning',
  description: 'Every actor issues at least one command.',
  check(model, index) {
    const used = new Set<NamedElement>();
    for (const c of model.contexts) {
      for (const command of c.commands) {
        if (!command.actor) continue;
        const r = index.resolve(command.actor, c.name, ['actor']);
        if (r.status === 'found') used.add(r.element);
      }
    }
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const actor of c.actors) {
        if (used.has(actor)) continue;
        out.push(report(this, { at: actor.loc, message: `actor ${actor.name} issues no command`, hint: `set \`actor: ${actor.name}\` on the commands ${actor.name} performs, or remove the actor` }));
      }
    }
    return out;
  },
};
