// Model equality for the write self-check: positions do not count, an absent property equals an
// `undefined` one, object key order does not matter (array order does), and the spelling of a
// field type (`typeText`, short or long form) does not count, only its meaning.

import type { BoundedContext } from '../types.js';

/** A `loc` value: `{ file, line, col, endLine?, endCol? }`. Only such values under a `loc` key are ignored. */
function isSpan(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.file === 'string' && typeof v.line === 'number' && typeof v.col === 'number';
}

/** A typed-model Field (not JSON data that happens to have similar keys). */
function isField(value: Record<string, unknown>): boolean {
  return typeof value.typeText === 'string' && typeof value.optional === 'boolean' && typeof value.type === 'object' && isSpan(value.loc);
}

const FIELD_SPELLING = new Set(['typeText', 'longForm']);

export function sameMeaning(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMeaning(a[i], b[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const fields = isField(ra) && isField(rb);
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (key === 'loc' && (isSpan(ra[key]) || ra[key] === undefined) && (isSpan(rb[key]) || rb[key] === undefined)) continue;
    if (fields && FIELD_SPELLING.has(key)) continue;
    if (!sameMeaning(ra[key], rb[key])) return false;
  }
  return true;
}

/** Two contexts mean the same, wherever their files are. */
export function sameContext(a: BoundedContext, b: BoundedContext): boolean {
  return sameMeaning({ ...a, file: '' }, { ...b, file: '' });
}

/** Path to the first difference, for the E_SERIALIZATION_MISMATCH message. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (sameMeaning(a, b)) return undefined;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (key === 'loc') continue;
      if (!sameMeaning(ra[key], rb[key])) {
        const name = (ra as { name?: unknown }).name;
        const step = Array.isArray(a) ? `[${key}]` : `.${key}`;
        return firstDifference(ra[key], rb[key], `${path}${typeof name === 'string' && !Array.isArray(a) ? `(${name})` : ''}${step}`);
      }
    }
  }
  return path || '(root)';
}
