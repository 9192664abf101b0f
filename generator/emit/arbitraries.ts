// fast-check arbitraries as TypeScript text, from model field types: the generated snapshot
// property test draws random event streams with them. Values are JSON-native (what PostgreSQL
// hands back): ISO strings for dates, integers in minor units for money, no -0, no NUL
// characters (JSONB rejects them).

import type { Field, Model, TypeRef } from '../model/types.js';
import { propertyKey, str, tsLiteral } from './code.js';
import { sampleField, sampleValue } from '../ir/samples.js';

const DAY_MS = 86_400_000;

export function arbitraryOf(model: Model, context: string, name: string, type: TypeRef, depth = 0): string {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
          return `fc.stringMatching(/^[A-Za-z0-9 ._-]{0,12}$/)`;
        case 'int':
          return `fc.integer({ min: -1000, max: 1000 })`;
        case 'number':
          return `fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100)`;
        case 'boolean':
          return `fc.boolean()`;
        case 'uuid':
          return `fc.uuid()`;
        case 'date':
          return `fc.integer({ min: 0, max: 36500 }).map((d) => new Date(d * ${DAY_MS}).toISOString().slice(0, 10))`;
        case 'datetime':
          return `fc.integer({ min: 0, max: 36500 * ${DAY_MS} }).map((ms) => new Date(ms).toISOString())`;
        case 'money':
          return `fc.record({ amount: fc.integer({ min: 0, max: 1000000 }), currency: fc.constantFrom('EUR', 'USD', 'GBP') })`;
        default:
          return `fc.constant(${tsLiteral(sampleValue(model, context, name, type))})`;
      }
    case 'array':
      return depth > 3 ? 'fc.constant([])' : `fc.array(${arbitraryOf(model, context, name, type.of, depth + 1)}, { maxLength: 3 })`;
    case 'enum':
      return type.values.length === 0 ? `fc.constant('')` : `fc.constantFrom(${type.values.map(str).join(', ')})`;
    case 'ref': {
      const owner = model.contexts.find((c) => c.name === context);
      const valueObject =
        owner?.valueObjects.find((v) => v.name === type.name) ?? model.contexts.flatMap((c) => c.valueObjects).find((v) => v.name === type.name);
      return valueObject && depth <= 3 ? recordArbitrary(model, context, valueObject.fields, depth + 1) : 'fc.constant({})';
    }
    case 'schema':
      return `fc.constant(${tsLiteral(sampleValue(model, context, name, type))})`;
  }
}

/** An object of the fields; optional ones are present or absent at random. */
export function recordArbitrary(model: Model, context: string, fields: readonly Field[], depth = 0): string {
  if (fields.length === 0) return 'fc.constant({})';
  // A constrained field (issue 17 item 7) draws its one sample that satisfies the constraints.
  const entries = fields.map((f) => `${propertyKey(f.name)}: ${f.constraints ? `fc.constant(${tsLiteral(sampleField(model, context, f, depth))})` : arbitraryOf(model, context, f.name, f.type, depth)}`);
  const required = fields.filter((f) => !f.optional).map((f) => str(f.name));
  return `fc.record({ ${entries.join(', ')} }, { requiredKeys: [${required.join(', ')}] })`;
}
