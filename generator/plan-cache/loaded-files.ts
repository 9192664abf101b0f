// How a loaded model file (model/load.ts's per-file step, a ContextFileResult) is kept in a
// cache: its name, its signed body, and reading it back (ADR 0102, 0103).
//
// The body is JSON, not the V8 structured-clone format of format 1: JSON.parse is ~3x faster
// than v8.deserialize here, and validation rules then run ~1.5-2x faster over the model
// (measured in one process on the 500-aggregate model: rules 270 vs 515 ms on the first pass;
// deserialised objects are slower to walk than parsed ones). JSON loses `undefined` members,
// shared references and anything that is not a plain value, so a result is kept only when it
// has none of those (checked when it is stored): what comes back is then exactly what the
// loader gave. Anything else is simply loaded again next time.

import { createHash } from 'node:crypto';
import type { ContextFileResult } from '../model/load.js';
import type { SourceFile } from '../model/types.js';
import { sign, verified } from './cache-key.js';

/** Bumped when the body changes; part of the name, so another format is a missing file. 2: JSON. */
const LOADED_FORMAT = 2;

export const LOADED_SUFFIX = '.load';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache file name of a loaded model file: the generator, the format, the file's path and bytes. */
export function loadedFileName(generator: string, file: SourceFile): string {
  const bytes = createHash('sha256').update(file.path).update('\0').update(file.bytes ?? file.text).digest('hex');
  return `${sha256(`${generator}\0load ${LOADED_FORMAT}\0${bytes}`).slice(0, 32)}${LOADED_SUFFIX}`;
}

/** True when JSON gives `value` back exactly: plain objects and arrays (no holes, no sharing), strings, finite numbers, booleans, null. */
export function jsonExact(value: unknown, seen = new Set<object>()): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonExact(value[i], seen)) return false;
    return Object.keys(value).length === value.length;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const key of Object.keys(value)) if (!jsonExact((value as Record<string, unknown>)[key], seen)) return false;
  // Non-enumerable members would be lost.
  return Object.getOwnPropertyNames(value).length === Object.keys(value).length;
}

/** The signed body to store, or undefined when JSON would not give the result back exactly. */
export function encodeLoaded(key: Buffer, result: ContextFileResult): string | undefined {
  return jsonExact(result) ? sign(key, JSON.stringify(result)) : undefined;
}

/**
 * The loaded file whose bytes `read` gives (undefined: missing, a link, too large) when its
 * signature verifies and its body has the shape.
 */
export function readLoaded(key: Buffer, read: () => Buffer | undefined): ContextFileResult | undefined {
  try {
    const bytes = read();
    if (bytes === undefined) return undefined;
    const body = verified(key, bytes.toString('utf8'));
    if (body === undefined) return undefined;
    const value = JSON.parse(body) as Partial<ContextFileResult> | null;
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray(value.diagnostics) ? (value as ContextFileResult) : undefined;
  } catch {
    return undefined;
  }
}
