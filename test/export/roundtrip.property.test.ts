// Properties over random valid models (fixed seed): a model has no domain changes against
// itself, and ESDM export -> import gives it back with no domain change and the same model files
// up to the spelling of field types (`note: string?` and `note?: string`, short and long form mean
// the same field; ESDM keeps the meaning, not the spelling, so both sides are written canonically).
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/semantic-diff.js';
import { exportEsdm } from '../../generator/esdm/export.js';
import { importEsdm } from '../../generator/esdm/import.js';
import { serializeContext } from '../../generator/model/index.js';
import { formatType } from '../../generator/model/load/type-syntax.js';
import type { BoundedContext } from '../../generator/model/types.js';
import { validModel } from '../support/valid-models.js';

/** A copy of the context whose fields carry no spelling of their own (the serializer's canonical one). */
function canonicalSpelling(ctx: BoundedContext): BoundedContext {
  const respell = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(respell);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, respell(v)]));
    const isField = typeof out.typeText === 'string' && typeof out.optional === 'boolean' && typeof out.type === 'object' && out.type !== null && 'kind' in out.type;
    if (isField) {
      out.typeText = (out.type as { kind: string }).kind === 'schema' ? 'schema' : formatType(out.type as Parameters<typeof formatType>[0]);
      delete out.longForm;
    }
    return out;
  };
  return respell(ctx) as BoundedContext;
}

describe('on random valid models', () => {
  it('diff against itself is empty; ESDM round-trips', () => {
    fc.assert(
      fc.property(validModel, (model) => {
        expect(diffModels(model, model).changes).toEqual([]);
        const exported = exportEsdm(model, 'random');
        const back = importEsdm([...exported.files].map(([file, text]) => ({ file, doc: parse(text) })));
        expect(back.notes).toEqual([]);
        expect(diffModels(model, { contexts: back.contexts, layouts: {} }).changes).toEqual([]);
        for (const c of model.contexts) expect(serializeContext(canonicalSpelling(back.contexts.find((x) => x.name === c.name)!))).toBe(serializeContext(canonicalSpelling(c)));
      }),
      { seed: 20261206, numRuns: 40 },
    );
  }, 120_000);
});
