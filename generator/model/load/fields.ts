// Field maps: `name: type` (short form), `name: {type, description, default, unit, optional}`
// (long form) or `name: {schema: <JSON Schema>}` (escape hatch). A key ending in `?` is optional.

import { isMap, isScalar } from 'yaml';
import type { Field, JsonValue } from '../types.js';
import type { Entry, Reader } from './reader.js';
import { parseTypeText } from './type-syntax.js';

const LONG_FORM = { what: 'a field (long form)', required: ['type'], optional: ['description', 'default', 'unit', 'optional'] } as const;
const SCHEMA_FORM = { what: 'a field (JSON Schema form)', required: ['schema'], optional: ['description', 'default', 'unit', 'optional'] } as const;

export function readFields(r: Reader, entry: Entry | undefined): Field[] {
  if (!entry) return [];
  const out: Field[] = [];
  for (const e of r.entries(entry.value, `fields of "${entry.key}"`, entry.keyNode.range)) {
    const field = readField(r, e);
    if (field) out.push(field);
  }
  return out;
}

function readField(r: Reader, e: Entry): Field | undefined {
  const keyOptional = e.key.endsWith('?');
  const name = keyOptional ? e.key.slice(0, -1) : e.key;
  const node = e.value;
  if (node && isScalar(node) && typeof node.value === 'string') {
    const typeText = node.value;
    const parsed = parseTypeText(typeText);
    if (!parsed.ok) {
      r.diags.add(node.range, { code: 'E_TYPE_SYNTAX', message: parsed.message, hint: parsed.hint });
      return undefined;
    }
    return { name, optional: keyOptional || parsed.optional, type: parsed.type, typeText, loc: e.loc };
  }
  if (node && isMap(node)) {
    const isSchemaForm = node.items.some((p) => isScalar(p.key) && p.key.value === 'schema');
    const f = r.object(node, isSchemaForm ? SCHEMA_FORM : LONG_FORM, e.keyNode.range);
    const explicitOptional = r.boolean(f.get('optional')) ?? false;
    let field: Field;
    if (isSchemaForm) {
      const schemaEntry = f.get('schema');
      const schema = r.json(schemaEntry?.value ?? null, schemaEntry?.keyNode.range);
      if (schema === undefined) return undefined;
      if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
        r.typeError(schemaEntry?.value, 'a JSON Schema object for "schema"', schemaEntry?.keyNode.range);
        return undefined;
      }
      field = { name, optional: keyOptional || explicitOptional, type: { kind: 'schema', schema }, typeText: 'schema', loc: e.loc };
    } else {
      const typeEntry = f.get('type');
      const typeText = r.string(typeEntry);
      if (typeText === undefined) return undefined;
      const parsed = parseTypeText(typeText);
      if (!parsed.ok) {
        r.diags.add(typeEntry?.value?.range, { code: 'E_TYPE_SYNTAX', message: parsed.message, hint: parsed.hint });
        return undefined;
      }
      field = { name, optional: keyOptional || parsed.optional || explicitOptional, type: parsed.type, typeText, longForm: true, loc: e.loc };
    }
    const description = r.string(f.get('description'));
    if (description !== undefined) field.description = description;
    const defaultEntry = f.get('default');
    if (defaultEntry) {
      const value: JsonValue | undefined = r.json(defaultEntry.value, defaultEntry.keyNode.range);
      if (value !== undefined) field.default = value;
    }
    const unit = r.string(f.get('unit'));
    if (unit !== undefined) field.unit = unit;
    return field;
  }
  r.typeError(node, `a type for field "${name}" (\`string\`, \`Money[]\`, \`{ type: …, description: … }\` or \`{ schema: … }\`)`, e.keyNode.range);
  return undefined;
}
