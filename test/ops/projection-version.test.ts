// The model's projection `version` (blue/green rebuilds): loaded, checked, written back, in the schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, serializeContext } from '../../generator/model/index.js';
import { REPO_ROOT } from '../generated-project/support.js';

const HEADER = 'stormsmith: 1\ncontext: Lending\n';
const load = (text: string) => loadModel([{ path: 'm.yaml', text }]);
const projectionsOf = (text: string) => load(text).model!.contexts[0]!.projections;

describe('projection version in the model', () => {
  it('is absent unless written, and read as a whole number', () => {
    const [plain, versioned] = projectionsOf(`${HEADER}projections:\n  P: { from: [A], key: id }\n  Q: { from: [A], key: id, version: 3 }\n`);
    expect(plain).not.toHaveProperty('version');
    expect(versioned).toMatchObject({ name: 'Q', version: 3 });
  });

  it('refuses 0, fractions and text with a positioned error', () => {
    for (const bad of ['0', '1.5', 'two']) {
      const { diagnostics } = load(`${HEADER}projections:\n  P: { from: [A], key: id, version: ${bad} }\n`);
      expect(diagnostics.map((d) => [d.code, d.line])).toContainEqual(['E_TYPE', 4]);
    }
  });

  it('survives a write back to YAML', () => {
    const ctx = load(`${HEADER}projections:\n  Q: { from: [A], key: id, version: 2 }\n`).model!.contexts[0]!;
    const again = projectionsOf(serializeContext(ctx));
    expect(again[0]).toMatchObject({ name: 'Q', version: 2 });
  });

  it('is in the file JSON schema as an integer >= 1', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'generator/model/stormsmith.schema.json'), 'utf8'));
    expect(JSON.stringify(schema)).toContain('"version":{"type":"integer","minimum":1,"description":"Read-model version');
  });
});
