// The plan cache never changes a plan: after any single-element edit, plan() with a cache that
// holds the units of earlier models gives the same bytes as a fresh full plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../generator/model/types.js';
import { MemoryPlanCache } from '../../generator/plan-cache/memory-cache.js';
import { plan } from '../../generator/plan.js';
import { anEdit, applyEdit } from './edits.js';
import { loadExample, loadSynthetic, planBytes, templates } from './support.js';

async function expectCachedEqualsFull(base: Model, runs: number, seed: number): Promise<void> {
  const cache = new MemoryPlanCache();
  await plan(base, { templates, cache });
  const units = cache.computed.length;
  let hits = 0;
  await fc.assert(
    fc.asyncProperty(anEdit, async (edit) => {
      const { model, described } = applyEdit(base, edit);
      const before = cache.computed.length;
      const cached = planBytes(await plan(model, { templates, cache }));
      if (cache.computed.length - before < units) hits++;
      const full = planBytes(await plan(model, { templates }));
      const differing = cached.filter((f, i) => f !== full[i]).map((f) => JSON.parse(f)[0] as string);
      expect({ edit: described, differing, count: cached.length }).toEqual({ edit: described, differing: [], count: full.length });
      // Back to the base model: everything comes from the cache again or is planned again, equal either way.
      expect(planBytes(await plan(base, { templates, cache }))).toEqual(planBytes(await plan(base, { templates })));
    }),
    { seed, numRuns: runs },
  );
  // The property must have exercised the cache: some edited plans reused units.
  expect(hits).toBeGreaterThan(0);
}

describe('a cached plan equals a full plan byte for byte', () => {
  it('for single-element edits of models/shop', async () => {
    await expectCachedEqualsFull(loadExample('shop'), 25, 4242);
  }, 120_000);

  it('for single-element edits of a synthetic model with cross-context policies', async () => {
    await expectCachedEqualsFull(loadSynthetic(20), 10, 77);
  }, 120_000);
});
