// A read model keyed by a value object: the document id must not depend on key order, since an
// event read back from PostgreSQL (JSONB) has its keys reordered (found by the hotel trial's
// StaysBySpot: live processing and the in-memory fold put one key into two documents).
import { describe, expect, it } from 'vitest';
import { documentKey } from '../../templates/runtime/src/runtime/documentKey.js';

describe('documentKey', () => {
  it('is the same for values whose keys differ only in order, at every depth', () => {
    expect(documentKey({ floor: 2, wing: 'w', at: { y: 1, x: [{ b: 1, a: 2 }] } })).toBe(documentKey({ at: { x: [{ a: 2, b: 1 }], y: 1 }, wing: 'w', floor: 2 }));
    expect(documentKey({ amount: 1250, currency: 'EUR' })).toBe('{"amount":1250,"currency":"EUR"}');
  });

  it('tells different values apart, and keeps list order', () => {
    expect(documentKey({ floor: 2, wing: 'w' })).not.toBe(documentKey({ floor: 3, wing: 'w' }));
    expect(documentKey([1, 2])).not.toBe(documentKey([2, 1]));
    expect(documentKey(null)).toBe('null');
    expect(documentKey('a')).toBe('"a"');
  });
});
