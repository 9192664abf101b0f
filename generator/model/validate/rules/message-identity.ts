// Every command and every event of an aggregate carries the aggregate's identity field: it is how
// the handler finds the stream to load and how the event is appended to the right stream.
import type { Command, Diagnostic, Event } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const messageIdentity: Rule = {
  id: 'message-identity',
  code: 'E_MISSING_IDENTITY',
  severity: 'error',
  description: 'Commands and aggregate events have a field named after their aggregate\'s identity.',
  check(model, index) {
    const out: Diagnostic[] = [];
    const checkMessage = (message: Command | Event): void => {
      if (!message.aggregate) return;
      const r = index.resolve(message.aggregate, message.context, ['aggregate']);
      if (r.status !== 'found') return;
      const aggregate = r.element;
      const field = message.fields.find((f) => f.name === aggregate.identity);
      if (!aggregate.identity || (field && !field.optional)) return;
      out.push(
        report(this, {
          at: field ? field.loc : message.loc,
          message: field
            ? `${message.kind} ${message.name}: identity field ${aggregate.identity} of aggregate ${aggregate.name} is optional`
            : `${message.kind} ${message.name} has no field ${aggregate.identity}, the identity of aggregate ${aggregate.name}`,
          hint: field
            ? `make it required: \`${aggregate.identity}: ${field.typeText.replace(/\?$/, '')}\``
            : `add \`${aggregate.identity}: ${aggregate.state.find((f) => f.name === aggregate.identity)?.typeText ?? 'uuid'}\` to its fields`,
          related: [aggregate.loc],
        }),
      );
    };
    for (const c of model.contexts) {
      for (const command of c.commands) checkMessage(command);
      for (const event of c.events) checkMessage(event);
    }
    return out;
  },
};
