// Field types: a value object name must name a value object (not an event, not a typo), an enum
// needs distinct values, and a JSON Schema escape hatch must be a valid draft 2020-12 schema.
import { suggestName } from '../suggest-name.js';
import { PRIMITIVE_TYPE_NAMES, type Diagnostic, type Field, type TypeRef } from '../../types.js';
import { jsonSchemaProblem } from '../json-schema-check.js';
import { KIND_LABEL, fieldListsOf, withArticle } from '../references.js';
import { report, type Rule } from '../rule.js';
import type { NameIndex } from '../name-index.js';

export const fieldType: Rule = {
  id: 'field-type',
  code: 'E_FIELD_TYPE',
  severity: 'error',
  description: 'Field types are built-in types, known value objects, enums with distinct values, or valid JSON Schemas.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const list of fieldListsOf(c)) {
        for (const field of list.fields) checkType(field.type, field, `field ${field.name} of ${list.owner}`, c.name, index, out, this);
      }
    }
    return out;
  },
};

function checkType(type: TypeRef, field: Field, label: string, context: string, index: NameIndex, out: Diagnostic[], rule: typeof fieldType): void {
  switch (type.kind) {
    case 'array':
      checkType(type.of, field, label, context, index, out, rule);
      return;
    case 'ref': {
      const r = index.resolve({ name: type.name, loc: field.loc }, context, ['valueObject']);
      if (r.status === 'found') return;
      let message: string;
      let hint: string;
      if (r.status === 'wrong-kind') {
        message = `${label} has type ${type.name}, which is ${withArticle(KIND_LABEL[r.found[0]!.kind])}; fields can only use built-in types and value objects`;
        hint = `declare a value object for the data you need, or use the identity (e.g. "${type.name[0]!.toLowerCase()}${type.name.slice(1)}Id: uuid")`;
      } else if (r.status === 'ambiguous') {
        message = `${label} has type ${type.name}, which is a value object in several contexts: ${r.candidates.map((e) => e.context).join(', ')}`;
        hint = 'declare the value object in this context, or keep only one shared definition';
      } else {
        const guess = suggestName(type.name, [...PRIMITIVE_TYPE_NAMES, ...index.namesOfKinds(['valueObject'])]);
        message = `${label} has unknown type "${field.typeText}"`;
        hint = guess
          ? `did you mean "${guess}"?`
          : `use a built-in type (${PRIMITIVE_TYPE_NAMES.join(', ')}), a value object, or declare ${type.name} under valueObjects`;
      }
      out.push(report(rule, { at: field.loc, message, hint }));
      return;
    }
    case 'enum': {
      const seen = new Set<string>();
      const dup = type.values.find((v) => (seen.has(v) ? true : (seen.add(v), false)));
      if (type.values.length === 0 || dup !== undefined) {
        out.push(
          report(rule, {
            at: field.loc,
            message: type.values.length === 0 ? `${label} is an enum without values` : `${label} lists enum value "${dup}" twice`,
            hint: 'write the values once each: `enum(card|invoice|voucher)`',
          }),
        );
      }
      return;
    }
    case 'schema': {
      const problem = jsonSchemaProblem(type.schema);
      if (problem) {
        out.push(
          report(rule, {
            code: 'E_JSON_SCHEMA',
            at: field.loc,
            message: `${label} has an invalid JSON Schema: ${problem}`,
            hint: 'the `schema:` escape hatch takes a JSON Schema draft 2020-12 object; check the keyword spelling and value types',
          }),
        );
      }
      return;
    }
    case 'primitive':
      return;
  }
}
