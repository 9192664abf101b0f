// Part of the generation IR (docs/adr/0073-generation-ir.md). Deterministic sample values for
// generated tests: the same field name always gets the same
// value, so that the identity and the projection key line up across the events of a case.

import type { Field, JsonValue, Model, TypeRef } from '../model/types.js';
import { constraintProblem } from '../model/validate/constraints.js';
import { fieldsToJsonSchema } from '../schemas/json-schema.js';
import { sampleFromSchema } from '../schemas/sample.js';
import { fnv1a, hexDigits } from '../stable-hash.js';

export function sampleUuid(name: string): string {
  const h = fnv1a(name);
  return `${hexDigits(h, 8)}-0000-4000-8000-${hexDigits(fnv1a(`${name}#`), 8)}${hexDigits(h, 4)}`;
}

export function sampleValue(model: Model, context: string, name: string, type: TypeRef, depth = 0): JsonValue {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
          return `${name}-1`;
        case 'int':
          return 1;
        case 'number':
          return 1.5;
        case 'boolean':
          return true;
        case 'uuid':
          return sampleUuid(name);
        case 'date':
          return '2026-01-15';
        case 'datetime':
          return '2026-01-15T10:00:00.000Z';
        case 'money':
          return { amount: 1250, currency: 'EUR' };
        case 'email':
          return `${name.replace(/[^A-Za-z0-9]/g, '') || 'someone'}@example.com`;
        case 'url':
          return 'https://example.com/';
        case 'json':
          return {};
      }
      return null;
    case 'array':
      return depth > 4 ? [] : [sampleValue(model, context, name, type.of, depth + 1)];
    case 'enum':
      return type.values[0] ?? '';
    case 'ref': {
      const owner = model.contexts.find((c) => c.name === context);
      const valueObject =
        owner?.valueObjects.find((v) => v.name === type.name) ??
        model.contexts.flatMap((c) => c.valueObjects).find((v) => v.name === type.name);
      return valueObject && depth <= 4 ? sampleObject(model, context, valueObject.fields, depth + 1) : {};
    }
    case 'schema': {
      const schema = type.schema;
      if (schema !== null && typeof schema === 'object' && !Array.isArray(schema)) {
        if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]!;
        if (schema.default !== undefined) return schema.default;
        if (schema.const !== undefined) return schema.const;
        if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]!;
      }
      // Built from the schema (type, pattern, bounds, formats), like the museum's exhibits: a bare
      // null would not type-check against the TypeScript type compiled from the same schema.
      return sampleFromSchema(schema, name);
    }
  }
}

/**
 * A sample of one field that satisfies its constraints (issue 17 item 7): the usual sample when
 * it already does (so unconstrained output never changes), else one built from the field's JSON
 * Schema, which carries the constraints as keywords.
 */
export function sampleField(model: Model, context: string, field: Field, depth = 0): JsonValue {
  const value = sampleValue(model, context, field.name, field.type, depth);
  if (!field.constraints || constraintProblem(value, field.type, field.constraints) === undefined) return value;
  const schema = fieldsToJsonSchema(model, context, [{ ...field, default: undefined, optional: false }], { valueObjects: 'inline', annotations: false });
  return sampleFromSchema((schema.properties as { [key: string]: JsonValue })[field.name]!, field.name);
}

/** Required fields only: optional ones stay out, so a sample is the smallest valid message. */
export function sampleObject(model: Model, context: string, fields: readonly Field[], depth = 0): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const field of fields) {
    if (!field.optional) out[field.name] = sampleField(model, context, field, depth);
  }
  return out;
}
