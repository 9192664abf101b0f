// User-owned files name model elements, never model lines (issue 17 item 9): they are written
// once and never rewritten, so a `(ordering.yaml:122)` in a stub message or doc comment went
// stale with the first model edit above it. Generated files (rewritten on every change) may.
import { describe, expect, it } from 'vitest';
import { planExample } from '../generated-project/support.js';

describe('references to the model in user-owned files', () => {
  it.each(['shop', 'library'])('%s: no scaffold file holds a model line number', async (example) => {
    const files = [...(await planExample(example)).values()].filter((f) => f.ownership === 'scaffold' && f.path.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(f.contents, f.path).not.toMatch(/\.yaml:\d+/);
    const logic = files.find((f) => f.path.endsWith('/logic.ts'))!.contents;
    expect(logic).toMatch(/notImplemented\('[A-Za-z]+: (decide|evolve) [A-Za-z]+ \([a-z-]+\.yaml\) is not written yet/);
  });
});
