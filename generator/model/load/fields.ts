// Field maps: `name: type` (short form), `name: {type, description, default, unit, optional}`
// (long form) or `name: {schema: <JSON Schema>}` (escape hatch). A key ending in `?` is optional.

import { isMap, isScalar } from 'yaml';
import { CONSTRAINT_KEYS, type Field, type FieldConstraints, type JsonValue } from '../types.js';
import type { Entry, Reader } from './reader.js';
import { parseTypeText } from './type-syntax.js';

const LONG_FORM = { what: 'a field (long form)', required: ['type'], optional: ['description', 'default', 'unit', 'optional', 'deprecated', ...CONSTRAINT_KEYS] } as const;
// A `schema:` field says its constraints in its schema.
const SCHEMA_FORM = { what: 'a field (JSON Schema form)', required: ['schema'], optional: ['description', 'default', 'unit', 'optional', 'deprecated'] } as const;

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
    const deprecated = readDeprecated(r, f.get('deprecated'));
    if (deprecated !== undefined) field.deprecated = deprecated;
    if (!isSchemaForm) {
      const constraints = readConstraints(r, (k) => f.get(k));
      if (constraints) field.constraints = constraints;
    }
    return field;
  }
  r.typeError(node, `a type for field "${name}" (\`string\`, \`Money[]\`, \`{ type: …, description: … }\` or \`{ schema: … }\`)`, e.keyNode.range);
  return undefined;
}

/** `deprecated: true` or a reason; `false` is the default and is not kept (one spelling). */
function readDeprecated(r: Reader, entry: Entry | undefined): true | string | undefined {
  if (!entry) return undefined;
  const node = entry.value;
  if (node && isScalar(node) && node.value === true) return true;
  if (node && isScalar(node) && node.value === false) return undefined;
  if (node && isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
  r.typeError(node, 'true or a reason (a non-empty string) for "deprecated"', entry.keyNode.range, 'write `deprecated: true` or `deprecated: use shippingAddress instead`');
  return undefined;
}

/** The long form's constraint keys; what they may apply to is the validator's (E_FIELD_CONSTRAINT). */
function readConstraints(r: Reader, get: (key: string) => Entry | undefined): FieldConstraints | undefined {
  const out: FieldConstraints = {};
  for (const key of ['min', 'max'] as const) {
    const entry = get(key);
    if (!entry) continue;
    const node = entry.value;
    if (node && isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) out[key] = node.value;
    else r.typeError(node, `a number for "${key}"`, entry.keyNode.range, `write a number, e.g. \`${key}: ${key === 'min' ? 0 : 100}\``);
  }
  const positive = get('positive');
  if (positive) {
    const value = r.boolean(positive);
    if (value === true) out.positive = true;
  }
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    const value = r.integer(get(key), 0);
    if (value !== undefined) out[key] = value;
  }
  const pattern = r.string(get('pattern'));
  if (pattern !== undefined) out.pattern = pattern;
  return Object.keys(out).length > 0 ? out : undefined;
}
