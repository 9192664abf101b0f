// The arbitrary of valid models (test/support/valid-models.ts) is only useful if every draw is
// valid: a draw `validate` refuses would test the validator, not the generator. Cheap (load and
// validate only), so it checks many more draws than the generated-project property runs. This is
// the first property over the arbitrary: every construct it names must be drawn, and accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../generator/model/load.js';
import { validateModel } from '../../../generator/model/validate/index.js';
import { buildModel, CONSTRUCTS, FIELD_KINDS, KEY_KINDS, modelBlueprint } from '../../support/valid-models.js';

const SEED = 20261206;
const RUNS = 150;

describe('the valid-model arbitrary', () => {
  it(`draws ${RUNS} models that all validate without errors, spanning the shapes it names`, () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const blueprint of fc.sample(modelBlueprint, { seed: SEED, numRuns: RUNS })) {
      const { files, shapes } = buildModel(blueprint);
      for (const s of shapes) seen.add(s);
      const loaded = loadModel(Object.entries(files).map(([path, text]) => ({ path, text })));
      const errors = [...loaded.diagnostics, ...(loaded.model ? validateModel(loaded.model) : [])].filter((d) => d.severity === 'error');
      if (!loaded.model || errors.length > 0) problems.push(`${errors.map((d) => `${d.file}:${d.line}:${d.col}: ${d.code}: ${d.message}`).join('\n')}\n${JSON.stringify(blueprint)}`);
    }
    expect(problems).toEqual([]);
    // Read models keyed by each non-uuid kind, without fields, eventual and strong, and a chain of
    // policies across three contexts are all drawn at this seed.
    for (const key of KEY_KINDS) expect([...seen].some((s) => s.startsWith(`read model keyed by ${key} `)), key).toBe(true);
    expect([...seen].some((s) => s.includes('(eventual, no fields)'))).toBe(true);
    expect([...seen].some((s) => s.includes('(strong, no fields)'))).toBe(true);
    expect(seen).toContain('policy chain across three contexts');
    // Every construct docs/model-format.md documents for a valid model, and every field kind.
    expect(CONSTRUCTS.filter((c) => !seen.has(c))).toEqual([]);
    expect(FIELD_KINDS.filter((k) => !seen.has(`field ${k}`))).toEqual([]);
  });
});
