// Checker soundness (schema-evolution.md test 54), metamorphic property with a fixed seed:
// whenever the gate says BACKWARD compatible, every value valid under the old schema is valid
// under the new one (ajv, formats on); whenever it says FORWARD compatible, the reverse. A
// counterexample is a bug in a rule. The verdicts that are "breaking" are not checked (the
// engine may be conservative), but the test insists that both verdicts occur often enough
// for the property to mean something.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../../generator/schemas/compat/compare.js';
import { mutate, mutationArb, schemaArb, valueArb, type S } from './support/arbitraries.js';

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);
const cache = new Map<string, (v: unknown) => boolean>();
const validator = (s: S) => {
  const key = JSON.stringify(s);
  let v = cache.get(key);
  if (!v) {
    const compiled = ajv.compile(s);
    v = (x: unknown) => compiled(x) as boolean;
    cache.set(key, v);
  }
  return v;
};

const SEED = 20261126;
// Only pairs that really differ: an unchanged schema is trivially compatible.
const pairArb = fc
  .tuple(schemaArb, mutationArb)
  .map(([old, edits]) => ({ old, new: mutate(old, edits) }))
  .filter((p) => JSON.stringify(p.old) !== JSON.stringify(p.new));

describe('soundness of compatibility verdicts', () => {
  for (const direction of ['backward', 'forward'] as const) {
    it(`${direction}: compatible => writer values validate under the reader schema`, () => {
      let compatibleRuns = 0;
      let compatibleChanges = 0;
      let checkedValues = 0;
      fc.assert(
        fc.property(pairArb, fc.array(fc.nat(), { minLength: 1, maxLength: 1 }), (pair, [valueSeed]) => {
          const result = compareSchemas(pair.old, pair.new, direction);
          if (!result.compatible) return true;
          compatibleRuns++;
          if (result.changes.length > 0) compatibleChanges++;
          const [writer, reader] = direction === 'backward' ? [pair.old, pair.new] : [pair.new, pair.old];
          const isWriterValid = validator(writer);
          const isReaderValid = validator(reader);
          const samples = fc.sample(valueArb(writer), { numRuns: 25, seed: valueSeed! });
          for (const v of samples) {
            if (!isWriterValid(v)) continue;
            checkedValues++;
            if (!isReaderValid(v)) {
              throw new Error(`gate said ${direction}-compatible, but ${JSON.stringify(v)} is valid under ${JSON.stringify(writer)} and not under ${JSON.stringify(reader)}; changes: ${JSON.stringify(result.changes)}`);
            }
          }
          return true;
        }),
        { seed: SEED, numRuns: 1000 },
      );
      // Non-vacuity: plenty of compatible verdicts on schemas that really changed, and real
      // values behind them.
      expect(compatibleRuns).toBeGreaterThan(200);
      expect(compatibleChanges).toBeGreaterThan(100);
      expect(checkedValues).toBeGreaterThan(2000);
      console.log(`${direction}: ${compatibleRuns} compatible verdicts (${compatibleChanges} with changes), ${checkedValues} values checked`);
    });
  }
});
