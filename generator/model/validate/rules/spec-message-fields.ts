// Spec data must fit the message it is given for: no unknown keys (usually typos) and every
// required field present, so the generated test compiles against the generated types.
import { suggestName } from '../suggest-name.js';
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';
import { resolvedSpecMessages } from '../spec-messages.js';

export const specMessageFields: Rule = {
  id: 'spec-message-fields',
  code: 'E_SPEC_UNKNOWN_FIELD',
  severity: 'error',
  description: 'The data of a spec message has only fields of that message, and all its required fields.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const { spec, message, fields } of resolvedSpecMessages(c, index)) {
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
    return out;
  },
};
