// Names that would break or silently shadow something in generated code: JavaScript/TypeScript
// reserved words, well-known globals (a type called `Date` or `Promise`), the names the generated
// service imports from Emmett (`Event`, `Command`, `Decider`, ...), and property names that
// touch an object's prototype (`__proto__`, `constructor`; hardening.md C1.5).
import { CONTEXTUAL_WORDS, GENERATED_IMPORTS, RESERVED_FIELD_NAMES, RESERVED_GLOBALS, STRICT_RESERVED_WORDS } from '../identifiers.js';
import { report, type Rule } from '../rule.js';

export const reservedName: Rule = {
  id: 'reserved-name',
  code: 'E_RESERVED_NAME',
  severity: 'error',
  description: 'Names must not be reserved words, shadow globals, clash with names the generated code imports, or be prototype keys.',
  check(_model, index) {
    const out = [];
    for (const n of index.names) {
      const isField = n.role === 'field' || n.role === 'identity' || n.role === 'key';
      let why: string | undefined;
      if (isField) {
        if (RESERVED_FIELD_NAMES.has(n.name)) why = 'it is an Object prototype property, unsafe as a JSON key';
      } else if (GENERATED_IMPORTS.has(n.name)) {
        why = 'the generated code imports a type of that name from Emmett or its support module';
      } else if (RESERVED_GLOBALS.has(n.name)) {
        why = 'it would shadow the JavaScript/TypeScript global of that name';
      } else if (STRICT_RESERVED_WORDS.has(n.name.toLowerCase()) || CONTEXTUAL_WORDS.has(n.name)) {
        why = 'it is a JavaScript/TypeScript reserved word';
      }
      if (!why) continue;
      out.push(
        report(this, {
          at: n.at,
          message: `${n.label} uses a reserved name: ${why}`,
          hint: isField ? `rename the field, e.g. "${n.name.replace(/^_+/, '')}Value"` : `use a more specific domain name, e.g. "${n.role === 'context' ? `${n.name}Context` : `${n.context}${n.name}`}"`,
        }),
      );
    }
    return out;
  },
};
