// Names that would break or silently shadow something in generated code: JavaScript/TypeScript
// reserved words, well-known globals (a type called `Date` or `Promise`), the names the generated
// service imports from Emmett (`Event`, `Command`, `Decider`, ...), and property names that
// touch an object's prototype (`__proto__`, `constructor`; hardening.md C1.5).
import { CONTEXTUAL_WORDS, GENERATED_IMPORTS, RESERVED_FIELD_NAMES, RESERVED_GLOBALS, STRICT_RESERVED_WORDS } from '../identifiers.js';
import { report, type Rule } from '../rule.js';

/** Why an element or context name is refused here, or undefined. */
function refusal(name: string): string | undefined {
  if (GENERATED_IMPORTS.has(name)) return 'the generated code imports a type of that name from Emmett or its support module';
  if (RESERVED_GLOBALS.has(name)) return 'it would shadow the JavaScript/TypeScript global of that name';
  if (STRICT_RESERVED_WORDS.has(name.toLowerCase()) || CONTEXTUAL_WORDS.has(name)) return 'it is a JavaScript/TypeScript reserved word';
  return undefined;
}

/** A suffix per kind, for when the context cannot lend its name. */
const KIND_SUFFIX: Record<string, string> = {
  aggregate: 'Aggregate',
  command: 'Command',
  event: 'Happened',
  policy: 'Policy',
  projection: 'View',
  actor: 'Role',
  'external system': 'System',
  'value object': 'Value',
  hotspot: 'Question',
  rejection: 'Rejected',
};

/**
 * A name to suggest: the context's name in front (`SalesEvent`), unless the context name is
 * itself refused or no PascalCase name (then the suggestion would have to change again, issue
 * 17 item 9): a suffix for the kind instead (`EventHappened`).
 */
function suggestion(n: { name: string; role: string; label: string; context: string }): string {
  if (n.role === 'context') return `${n.name}Context`;
  if (/^[A-Z][A-Za-z0-9]*$/.test(n.context) && !refusal(n.context)) return `${n.context}${n.name}`;
  const kind = n.role === 'reject' ? 'rejection' : n.label.slice(0, n.label.length - n.name.length - 1);
  return `${n.name}${KIND_SUFFIX[kind] ?? 'Item'}`;
}

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
      } else {
        why = refusal(n.name);
      }
      if (!why) continue;
      out.push(
        report(this, {
          at: n.at,
          message: `${n.label} uses a reserved name: ${why}`,
          hint: isField ? `rename the field, e.g. "${n.name.replace(/^_+/, '')}Value"` : `use a more specific domain name, e.g. "${suggestion(n)}"`,
        }),
      );
    }
    return out;
  },
};
