// A deterministic sample value for a JSON Schema: what the event museum stores for every
// released version. Values depend only on the schema and the property names (the same name
// gets the same value in every event, so identities line up into one stream), never on a clock
// or a random source. Optional properties are filled too, so upcasters see them.

import type { JsonValue } from '../model/types.js';
import { fnv1a, hexDigits } from '../stable-hash.js';
import { isObject, resolvePointer } from './compat/walk.js';
import type { JsonSchema } from './json-schema.js';
import { sampleForPattern } from './pattern-sample.js';

/** A version-4-shaped uuid derived from a name. */
export function nameUuid(name: string): string {
  const a = fnv1a(name);
  const b = fnv1a(`${name}#1`);
  const c = fnv1a(`${name}#2`);
  // `^` gives a signed 32-bit result, and a negative one printed a minus sign into the last group
  // whenever its magnitude had fewer than 8 hex digits (about 6.5% of names, issue 11). Taking the
  // magnitude keeps every uuid that was well formed byte-identical (exhibits are kept forever)
  // and zero-pads the rest (ADR 0031).
  return `${hexDigits(a, 8)}-${hexDigits(b, 4)}-4${hexDigits(b >>> 16, 3)}-8${hexDigits(c, 3)}-${hexDigits(c >>> 12, 4)}${hexDigits(Math.abs(a ^ c), 8)}`;
}

/** Candidate strings tried against a `pattern` before giving up. */
const PATTERN_CANDIDATES = (name: string) => [name, 'EUR', 'ABC', 'abc', 'a', 'A', '1', '0', 'x-1', `${name}-1`, 'AB-12', '2026'];

function stringSample(s: JsonSchema, name: string): string {
  switch (s.format) {
    case 'uuid':
      return nameUuid(name);
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T09:30:00.000Z';
    case 'time':
      return '09:30:00Z';
    case 'email':
      return `${name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'someone'}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${encodeURIComponent(name)}`;
    case 'hostname':
      return 'example.com';
    case 'ipv4':
      return '192.0.2.1';
  }
  let value = name;
  if (typeof s.pattern === 'string') {
    try {
      const re = new RegExp(s.pattern, 'u');
      const min = typeof s.minLength === 'number' ? s.minLength : 0;
      const fits = (c: string) => re.test(c) && c.length >= min && (typeof s.maxLength !== 'number' || c.length <= s.maxLength);
      // Readable candidates first, then a string built from the pattern itself.
      value = PATTERN_CANDIDATES(name).find(fits) ?? [sampleForPattern(s.pattern)].find((c) => c !== undefined && re.test(c)) ?? name;
    } catch {
      value = name;
    }
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  if (value.length < min && typeof s.pattern === 'string' && value.length > 0) {
    // Too short for minLength: repeat the last character while the pattern still matches (the
    // usual trailing `+` or `*`), e.g. `^[A-Z]{2}[0-9]+$` with minLength 6 gives AA0000.
    try {
      const re = new RegExp(s.pattern, 'u');
      let longer = value;
      while (longer.length < min) longer += longer.at(-1)!;
      if (re.test(longer)) value = longer;
    } catch {
      // the validator reports a broken pattern
    }
  }
  while (value.length < min) value += 'x';
  return value.slice(0, max);
}

function numberSample(s: JsonSchema, integer: boolean): number {
  const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  const min = num('minimum');
  const xmin = num('exclusiveMinimum');
  const max = num('maximum');
  const xmax = num('exclusiveMaximum');
  const m = num('multipleOf');
  const fits = (v: number) =>
    (min === undefined || v >= min) &&
    (xmin === undefined || v > xmin) &&
    (max === undefined || v <= max) &&
    (xmax === undefined || v < xmax) &&
    (!integer || Number.isInteger(v)) &&
    (m === undefined || m <= 0 || Math.abs(v / m - Math.round(v / m)) < 1e-9);
  const low = Math.max(min ?? -Infinity, xmin ?? -Infinity);
  const high = Math.min(max ?? Infinity, xmax ?? Infinity);
  const step = m !== undefined && m > 0 ? m : 1;
  // Prefer a small whole number (readable exhibits), then the bounds, then the middle.
  const candidates = [1, 0, Math.ceil(low / step) * step, (Math.floor(low / step) + 1) * step, Math.floor(high / step) * step, (Math.ceil(high / step) - 1) * step];
  if (Number.isFinite(low) && Number.isFinite(high)) candidates.push((low + high) / 2);
  if (Number.isFinite(low)) candidates.push(low + 0.5);
  if (Number.isFinite(high)) candidates.push(high - 0.5);
  return candidates.find((c) => Number.isFinite(c) && fits(c)) ?? (Number.isFinite(low) ? low : 1);
}

export function sampleFromSchema(schema: JsonValue, name = 'value', root: JsonValue = schema, depth = 0): JsonValue {
  if (depth > 32 || schema === true || schema === undefined) return name;
  if (!isObject(schema)) return null;
  let s: JsonSchema = schema;
  if (typeof s.$ref === 'string') {
    const target = resolvePointer(root as JsonSchema, s.$ref);
    const { $ref: _r, ...siblings } = s;
    s = isObject(target) ? { ...target, ...siblings } : siblings;
  }
  if ('const' in s) return structuredClone(s.const as JsonValue);
  if (Array.isArray(s.enum) && s.enum.length > 0) return structuredClone(s.enum[0]!);
  if ('default' in s && s.default !== undefined) return structuredClone(s.default);
  for (const k of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k]) && (s[k] as JsonValue[]).length > 0) return sampleFromSchema((s[k] as JsonValue[])[0]!, name, root, depth + 1);
  }
  if (Array.isArray(s.allOf) && s.allOf.length > 0) {
    const { allOf, ...rest } = s;
    const merged = Object.assign({}, rest, ...(allOf as JsonValue[]).filter(isObject));
    return sampleFromSchema(merged, name, root, depth + 1);
  }
  const types = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : [];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (isObject(s.properties) ? 'object' : s.items !== undefined ? 'array' : 'string');
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'integer':
      return numberSample(s, true);
    case 'number':
      return numberSample(s, false);
    case 'string':
      return stringSample(s, name);
    case 'array': {
      const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      const capped = typeof s.maxItems === 'number' ? Math.min(count, s.maxItems) : count;
      const out: JsonValue[] = [];
      for (let i = 0; i < capped; i++) out.push(sampleFromSchema(s.items ?? true, capped > 1 ? `${name}${i + 1}` : name, root, depth + 1));
      return out;
    }
    case 'object': {
      const out: { [k: string]: JsonValue } = {};
      const props = isObject(s.properties) ? s.properties : {};
      for (const [key, child] of Object.entries(props)) out[key] = sampleFromSchema(child, key, root, depth + 1);
      return out;
    }
    default:
      return name;
  }
}
