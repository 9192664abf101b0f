// Field constraints in the long form (issue 17 item 7): each must fit the field's type (bounds on
// numbers and money amounts, lengths and a pattern on strings, item counts on lists), lower
// bounds may not exceed upper ones, a pattern must be a regular expression, and a default must
// satisfy them. A constraint that fits no value would make every message fail validation at run
// time; one that does not fit the type would be silently dropped from the JSON Schema.
import type { Diagnostic, Field, FieldConstraints, TypeRef } from '../../types.js';
import { constraintProblem, patternProblem } from '../constraints.js';
import { fieldListsOf } from '../references.js';
import { report, type Rule } from '../rule.js';

const NUMBER_KEYS = ['min', 'max', 'positive'] as const;
const STRING_KEYS = ['minLength', 'maxLength', 'pattern'] as const;
const LIST_KEYS = ['minItems', 'maxItems'] as const;

/** The constraint keys that fit `type`: a list takes item counts plus those of its item type. */
export function applicableKeys(type: TypeRef): readonly (keyof FieldConstraints)[] {
  if (type.kind === 'array') return [...LIST_KEYS, ...applicableKeys(type.of).filter((k) => !(LIST_KEYS as readonly string[]).includes(k))];
  if (type.kind !== 'primitive') return [];
  switch (type.name) {
    case 'int':
    case 'number':
    case 'money':
      return NUMBER_KEYS;
    case 'string':
    case 'email':
    case 'url':
      return STRING_KEYS;
    default:
      return [];
  }
}

export const fieldConstraint: Rule = {
  id: 'field-constraint',
  code: 'E_FIELD_CONSTRAINT',
  severity: 'error',
  description: 'Field constraints (`min`, `max`, `positive`, `minLength`, `maxLength`, `pattern`, `minItems`, `maxItems`) fit the field type, admit some value, and hold for the default.',
  check(model) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const list of fieldListsOf(c)) {
        for (const field of list.fields) if (field.constraints) check(field, `field ${field.name} of ${list.owner}`, out, this);
      }
    }
    return out;
  },
};

function check(field: Field, label: string, out: Diagnostic[], rule: typeof fieldConstraint): void {
  const c = field.constraints!;
  const fits = applicableKeys(field.type);
  const misfits = (Object.keys(c) as (keyof FieldConstraints)[]).filter((k) => !fits.includes(k));
  if (misfits.length > 0) {
    out.push(
      report(rule, {
        at: field.loc,
        message: `${label} (${field.typeText}) cannot take ${misfits.map((k) => `\`${k}\``).join(', ')}`,
        hint: fits.length > 0 ? `a ${field.typeText} field takes ${fits.map((k) => `\`${k}\``).join(', ')}` : `${field.typeText} takes no constraints; use a \`schema:\` field for anything else`,
      }),
    );
    return;
  }
  const pairs: [keyof FieldConstraints, keyof FieldConstraints][] = [
    ['min', 'max'],
    ['minLength', 'maxLength'],
    ['minItems', 'maxItems'],
  ];
  for (const [lo, hi] of pairs) {
    const a = c[lo] as number | undefined;
    const b = c[hi] as number | undefined;
    if (a !== undefined && b !== undefined && a > b) {
      out.push(report(rule, { at: field.loc, message: `${label}: \`${lo}: ${a}\` is above \`${hi}: ${b}\`, so no value fits`, hint: `swap them, or correct one of the bounds` }));
    }
  }
  if (c.positive && c.max !== undefined && c.max <= 0) {
    out.push(report(rule, { at: field.loc, message: `${label} is \`positive\` with \`max: ${c.max}\`, so no value fits`, hint: 'drop `positive` or raise `max` above 0' }));
  }
  if (c.pattern !== undefined) {
    const problem = patternProblem(c.pattern);
    if (problem) out.push(report(rule, { at: field.loc, message: `${label}: \`pattern\` is not a regular expression: ${problem}`, hint: 'write an ECMA-262 regular expression, e.g. `^[A-Z]{2}[0-9]{4}$` (YAML: quote it)' }));
  }
  if (field.default !== undefined && field.default !== null) {
    const problem = constraintProblem(field.default, field.type, c);
    if (problem) out.push(report(rule, { at: field.loc, message: `${label}: the default ${JSON.stringify(field.default)} ${problem}`, hint: 'give a default that satisfies the constraints (upcasters fill it into stored events)' }));
  }
}
