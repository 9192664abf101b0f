// Spec data must fit the message it is given for: no unknown keys (usually typos) and every
// required field present, so the generated test compiles against the generated types.
import { suggestName } from '../suggest-name.js';
import type { Diagnostic, Field, SpecMessage } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const specMessageFields: Rule = {
  id: 'spec-message-fields',
  code: 'E_SPEC_UNKNOWN_FIELD',
  severity: 'error',
  description: 'The data of a spec message has only fields of that message, and all its required fields.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const spec of c.specs) {
        const messages: { message: SpecMessage; kind: 'event' | 'command' }[] = [
          ...spec.given.map((message) => ({ message, kind: 'event' as const })),
          { message: spec.when, kind: 'command' },
          ...(spec.then.kind === 'events' ? spec.then.events.map((message) => ({ message, kind: 'event' as const })) : []),
        ];
        for (const { message, kind } of messages) {
          const r = index.resolve(message.type, c.name, [kind]);
          if (r.status !== 'found') continue;
          const fields: Field[] = (r.element as { fields: Field[] }).fields;
          const names = fields.map((f) => f.name);
          for (const key of Object.keys(message.data)) {
            if (names.includes(key)) continue;
            const guess = suggestName(key, names);
            out.push(
              report(this, {
                at: message.loc,
                message: `spec "${spec.name}": ${message.type.name} has no field "${key}"`,
                hint: guess ? `did you mean "${guess}"?` : `fields of ${message.type.name}: ${names.join(', ') || '(none)'}`,
              }),
            );
          }
          for (const field of fields) {
            if (field.optional || Object.hasOwn(message.data, field.name)) continue;
            out.push(
              report(this, {
                code: 'E_SPEC_MISSING_FIELD',
                at: message.loc,
                message: `spec "${spec.name}": ${message.type.name} is missing required field "${field.name}"`,
                hint: `add \`${field.name}\` to the data (type ${field.typeText})`,
              }),
            );
          }
        }
      }
    }
    return out;
  },
};
