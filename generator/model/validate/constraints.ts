// What a field's constraints mean for a value, shared by the rules that check model values
// against them (defaults, spec data) and kept in step with generator/schemas/json-schema.ts,
// which writes the same constraints as JSON Schema keywords. Pure.
import type { FieldConstraints, JsonValue, TypeRef } from '../types.js';

/** Why `pattern` is not a regular expression (JSON Schema patterns are ECMA-262, unicode), or undefined. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
  }
}

const chars = (s: string): number => [...s].length;

/**
 * Why `value` (already of the field's type) breaks the constraints, e.g. "is below the minimum 1",
 * or undefined. A list's item counts apply to it, the other constraints to each item.
 */
export function constraintProblem(value: JsonValue, type: TypeRef, c: FieldConstraints): string | undefined {
  if (type.kind === 'array') {
    if (!Array.isArray(value)) return undefined;
    if (c.minItems !== undefined && value.length < c.minItems) return `has ${value.length} item${value.length === 1 ? '' : 's'}, fewer than minItems ${c.minItems}`;
    if (c.maxItems !== undefined && value.length > c.maxItems) return `has ${value.length} items, more than maxItems ${c.maxItems}`;
    // The counts bound this list only (json-schema.ts gives the items the other keywords), so the
    // lists inside a `T[][]` take any number of items.
    const { minItems: _min, maxItems: _max, ...each } = c;
    for (let i = 0; i < value.length; i++) {
      const inner = constraintProblem(value[i]!, type.of, each);
      if (inner) return `[${i}] ${inner}`;
    }
    return undefined;
  }
  if (type.kind !== 'primitive') return undefined;
  const amount = type.name === 'money' && value !== null && typeof value === 'object' && !Array.isArray(value) ? value.amount : value;
  const what = type.name === 'money' ? 'its amount' : 'it';
  if (typeof amount === 'number') {
    if (c.min !== undefined && amount < c.min) return `is below the minimum: ${what} ${amount} < min ${c.min}`;
    if (c.max !== undefined && amount > c.max) return `is above the maximum: ${what} ${amount} > max ${c.max}`;
    if (c.positive && !(amount > 0)) return `is not positive: ${what} is ${amount}`;
  }
  if (typeof value === 'string') {
    if (c.minLength !== undefined && chars(value) < c.minLength) return `is shorter than minLength ${c.minLength} (${chars(value)} characters)`;
    if (c.maxLength !== undefined && chars(value) > c.maxLength) return `is longer than maxLength ${c.maxLength} (${chars(value)} characters)`;
    if (c.pattern !== undefined && patternProblem(c.pattern) === undefined && !new RegExp(c.pattern, 'u').test(value)) return `does not match the pattern ${c.pattern}`;
  }
  return undefined;
}
