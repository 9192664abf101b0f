// Properties of the validator as a whole (fixed seeds, so failures reproduce):
// - on arbitrary models it never throws, is deterministic, leaves the model untouched, and every
//   diagnostic is complete;
// - on mutated copies of the shop example every diagnostic points inside its file (hardening C0:
//   a real file, 1 <= line <= line count, 1 <= col <= line length + 1).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../generator/model/load.js';
import type { Diagnostic, Model } from '../../../generator/model/types.js';
import { RULES, sortDiagnostics, validateModel } from '../../../generator/model/validate/index.js';
import { boundedContext, typeName } from '../../support/model-arbitraries.js';

const ruleIds = new Set(RULES.map((r) => r.id));

function complete(d: Diagnostic): boolean {
  return /^[EWI]_[A-Z_]+$/.test(d.code) && d.message.length > 0 && (d.hint ?? '').length > 0 && ruleIds.has(d.rule ?? '') && Number.isInteger(d.line) && Number.isInteger(d.col);
}

describe('validateModel on arbitrary models', () => {
  it('never throws, is deterministic, does not mutate, and returns complete sorted diagnostics', () => {
    fc.assert(
      fc.property(fc.array(boundedContext, { minLength: 1, maxLength: 3 }), (contexts) => {
        const model: Model = { contexts, layouts: {} };
        const before = JSON.stringify(model);
        const first = validateModel(model);
        expect(JSON.stringify(model)).toBe(before);
        expect(validateModel(model)).toEqual(first);
        expect(first).toEqual(sortDiagnostics(first));
        for (const d of first) expect(complete(d), JSON.stringify(d)).toBe(true);
      }),
      { seed: 20261126, numRuns: 150 },
    );
  });
});

describe('validateModel positions on mutated real files', () => {
  const dir = fileURLToPath(new URL('../../../models/shop/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => ({ path, text: readFileSync(dir + path, 'utf8') }));
  // Every PascalCase token of every domain file is a candidate for a rename.
  const tokens = files.flatMap((f, fileIndex) => (f.path.endsWith('.layout.yaml') ? [] : [...f.text.matchAll(/\b[A-Z][A-Za-z0-9]+\b/g)].map((m) => ({ fileIndex, at: m.index!, length: m[0].length }))));

  it('points every diagnostic inside its file after renaming up to three names', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: tokens.length - 1 }), typeName), { minLength: 1, maxLength: 3 }), (edits) => {
        const texts = files.map((f) => f.text);
        // Apply from the end of each file backwards so earlier offsets stay valid.
        for (const [i, name] of [...edits].sort((a, b) => tokens[b[0]]!.at - tokens[a[0]]!.at)) {
          const t = tokens[i]!;
          const text = texts[t.fileIndex]!;
          if (text.slice(t.at, t.at + t.length) !== files[t.fileIndex]!.text.slice(t.at, t.at + t.length)) continue;
          texts[t.fileIndex] = text.slice(0, t.at) + name + text.slice(t.at + t.length);
        }
        const sources = files.map((f, i) => ({ path: f.path, text: texts[i]! }));
        const loaded = loadModel(sources);
        if (!loaded.ok) return;
        for (const d of validateModel(loaded.model)) {
          const source = sources.find((s) => s.path === d.file);
          expect(source, `${d.code} names file ${d.file}`).toBeDefined();
          const lines = source!.text.split('\n');
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
          expect(complete(d)).toBe(true);
        }
      }),
      { seed: 4242, numRuns: 60 },
    );
  });
});
