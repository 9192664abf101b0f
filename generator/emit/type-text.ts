// The TypeScript type of a model field type, for the few places that are not compiled from a
// message schema (aggregate state, read-model documents). Same mapping as the JSON Schemas:
// JSON-native values, ISO strings for dates, decimal strings for money.

import type { TypeRef } from '../model/types.js';
import { valueTypeName } from '../ir/names.js';

export function tsTypeOf(type: TypeRef, values: Set<string>): string {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'int':
        case 'number':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'json':
          return 'unknown';
        case 'money':
          // The stored shape (generator/schemas/json-schema.ts): minor units and an ISO 4217 code.
          return '{ amount: number; currency: string }';
        default:
          return 'string';
      }
    case 'array': {
      const item = tsTypeOf(type.of, values);
      return /^[A-Za-z0-9_]+$/.test(item) ? `${item}[]` : `(${item})[]`;
    }
    case 'enum':
      return type.values.map((v) => JSON.stringify(v)).join(' | ') || 'never';
    case 'ref':
      values.add(valueTypeName(type.name));
      return valueTypeName(type.name);
    case 'schema':
      return 'unknown';
  }
}
