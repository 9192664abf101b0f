// The generate pipeline reads each input once: with a plan cache, the model files the run key
// is computed from are the bytes that are loaded (they used to be read twice: once for the
// cache look-up, once for the load, so a file changing in between mixed two versions).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../generator/io/read-model.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../generator/io/read-model.js')>();
  return { ...original, readModel: (...args: Parameters<typeof original.readModel>) => (reads.count++, original.readModel(...args)) };
});

const { loadValidateAndPlan } = await import('../../generator/model-pipeline.js');

describe('loadValidateAndPlan', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-read-once-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(fileURLToPath(new URL('../../models/library', import.meta.url)), path.join(dir, 'model'), { recursive: true });

  it('reads the model files once per run, with and without a cache hit', async () => {
    const options = { into: false, outDir: path.join(dir, 'out'), cache: 'read-write' as const };
    reads.count = 0;
    const first = await loadValidateAndPlan(path.join(dir, 'model'), dir, options);
    expect(first.stage.model).toBeDefined();
    expect(reads.count).toBe(1);
    // A run whose bytes are those of an earlier run is served by the cache; still one read.
    const { apply } = await import('../../generator/apply/apply.js');
    await apply(first.plan!, options.outDir, { mode: 'write' });
    await loadValidateAndPlan(path.join(dir, 'model'), dir, options);
    reads.count = 0;
    const cached = await loadValidateAndPlan(path.join(dir, 'model'), dir, options);
    expect(cached.stage.model).toBeUndefined(); // served from the cache: not loaded at all
    expect(cached.plan).toBeDefined();
    expect(reads.count).toBe(1);
  });
});
