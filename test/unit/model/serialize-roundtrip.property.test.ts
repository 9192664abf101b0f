// hardening.md C9.83: round-trip properties of the serializer over random valid contexts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContextFile, serializeChecked, serializeContext } from '../../../generator/model/index.js';
import { boundedContext, FILE } from '../../support/model-arbitraries.js';
import { withoutPositions } from './strip.js';

const RUNS = { seed: 20261126, numRuns: 100 };

function reload(text: string) {
  const loaded = loadContextFile({ path: FILE, text });
  return { context: loaded.context, errors: loaded.diagnostics.filter((d) => d.severity === 'error') };
}

describe('serializer round trip (fast-check, fixed seed)', () => {
  it('parse(serialize(m)) equals m, ignoring positions', () => {
    fc.assert(
      fc.property(boundedContext, (ctx) => {
        const text = serializeContext(ctx);
        const { context, errors } = reload(text);
        expect(errors).toEqual([]);
        expect(withoutPositions(context)).toEqual(withoutPositions(ctx));
      }),
      RUNS,
    );
  });

  it('serialize is a fixed point on its own output', () => {
    fc.assert(
      fc.property(boundedContext, (ctx) => {
        const text = serializeContext(ctx);
        const { context } = reload(text);
        expect(serializeContext(context!)).toBe(text);
        expect(serializeContext(context!, text)).toBe(text);
        expect(serializeContext(ctx, text)).toBe(text);
      }),
      RUNS,
    );
  });

  it('serializeChecked accepts every valid context', () => {
    fc.assert(
      fc.property(boundedContext, (ctx) => {
        const result = serializeChecked(ctx);
        expect(result.ok ? [] : result.diagnostics).toEqual([]);
      }),
      { ...RUNS, numRuns: 50 },
    );
  });
});
