// Issue 19 item 8: rule diagnostics are capped per rule and per run, with an "N more" line, and
// errors are kept before warnings so that a cap never makes a failing model pass.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/model/load.js';
import { validateModel } from '../../generator/model/validate/index.js';
import { REPO_ROOT } from '../generated-project/support.js';

/** models/library's Lending plus `n` events nobody emits or handles (one warning or more each). */
function noisyModel(n: number) {
  const lending = fs.readFileSync(path.join(REPO_ROOT, 'models/library/lending.yaml'), 'utf8');
  const extra = Array.from({ length: n }, (_, i) => `  Orphan${i}Happened:\n    fields:\n      x: string\n`).join('');
  const text = lending.replace(/\nevents:\n/, `\nevents:\n${extra}`);
  const result = loadModel([{ path: 'lending.yaml', text }]);
  expect(result.model).toBeDefined();
  return result.model!;
}

describe('diagnostic caps', () => {
  it('keeps at most maxPerRule per rule and maxPerRun per run, saying how many more there were', () => {
    const model = noisyModel(300);
    const all = validateModel(model, { maxPerRule: 1_000_000, maxPerRun: 1_000_000 });
    expect(all.length).toBeGreaterThan(300);
    const capped = validateModel(model, { maxPerRule: 50, maxPerRun: 80 });
    expect(capped.length).toBeLessThanOrEqual(80);
    const more = capped.filter((d) => /_TOO_MANY_DIAGNOSTICS$/.test(d.code));
    expect(more.length).toBeGreaterThan(0);
    expect(more[0]!.message).toMatch(/^\d+ more /);
    // Every error class present in the full run is still present (errors are kept first).
    const errorsIn = (ds: typeof all) => ds.some((d) => d.severity === 'error');
    expect(errorsIn(capped)).toBe(errorsIn(all));
  });

  it('leaves a small model untouched', () => {
    const model = noisyModel(0);
    expect(validateModel(model)).toEqual(validateModel(model, { maxPerRule: 1_000_000, maxPerRun: 1_000_000 }));
  });
});
