// Properties over random valid models (fixed seed): a model has no domain changes against
// itself, and ESDM export -> import gives it back with no domain change and the same model files.
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/semantic-diff.js';
import { exportEsdm } from '../../generator/esdm/export.js';
import { importEsdm } from '../../generator/esdm/import.js';
import { serializeContext } from '../../generator/model/index.js';
import { validModel } from '../support/valid-model.js';

describe('on random valid models', () => {
  it('diff against itself is empty; ESDM round-trips', () => {
    fc.assert(
      fc.property(validModel, (model) => {
        expect(diffModels(model, model).changes).toEqual([]);
        const exported = exportEsdm(model, 'random');
        const back = importEsdm([...exported.files].map(([file, text]) => ({ file, doc: parse(text) })));
        expect(back.notes).toEqual([]);
        expect(diffModels(model, { contexts: back.contexts, layouts: {} }).changes).toEqual([]);
        for (const c of model.contexts) expect(serializeContext(back.contexts.find((x) => x.name === c.name)!)).toBe(serializeContext(c));
      }),
      { seed: 20261206, numRuns: 40 },
    );
  }, 120_000);
});
