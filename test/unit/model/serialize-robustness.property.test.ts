// Whatever the previous text of a file (hand-mangled, broken, foreign), saving a valid context
// never throws and always produces text that reads back as the context.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeChecked, serializeContext } from '../../../generator/model/index.js';
import { boundedContext } from '../../support/model-arbitraries.js';

// CPU-bound property runs (fixed seed): 16-32 s measured under load ~20, over vitest's 30 s default.
const PROPERTY_TIMEOUT = 120_000;

const edits = fc.array(
  fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.constantFrom('', '\n', '# note\n', '  ', 'x: 1\n', '- ', '{', '}', ':', '\t', '\n\n', 'events:\n', '  Extra: {}\n') }),
  { minLength: 1, maxLength: 5 },
);

function mangle(text: string, changes: { at: number; cut: number; insert: string }[]): string {
  return changes.reduce((t, c) => {
    const at = c.at % (t.length + 1);
    return t.slice(0, at) + c.insert + t.slice(at + c.cut);
  }, text);
}

describe('serializer robustness (fast-check, fixed seed)', () => {
  it('any previous text: no throw, and the result reads back as the context', () => {
    fc.assert(
      fc.property(boundedContext, boundedContext, edits, (ctx, other, changes) => {
        // The old file is a mangled version of this context or of an unrelated one.
        for (const previous of [mangle(serializeContext(ctx), changes), mangle(serializeContext(other), changes)]) {
          const result = serializeChecked(ctx, previous);
          expect(result.ok ? [] : result.diagnostics.map((d) => d.message)).toEqual([]);
          expect(() => serializeContext(ctx, previous)).not.toThrow();
        }
      }),
      { seed: 6767, numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT);
});
