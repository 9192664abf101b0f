// Positions are not part of model equality in round-trip tests.
import { LOC } from '../../support/model-arbitraries.js';

/** Deep copy with every `loc` replaced by the arbitraries' constant, so `toEqual` ignores positions. */
export function withoutPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'loc' && v && typeof v === 'object' ? LOC : v))) as T;
}
