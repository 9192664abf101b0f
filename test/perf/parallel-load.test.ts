// Loading on worker threads must give exactly what loadModel gives in one thread: the same
// model, the same diagnostics in the same order, byte for byte once serialised. Every case
// runs with the main thread kept out of the work (`mainThreadLoads: false`) so the files really
// go through the workers, and once with the normal shared queue.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticModel } from '../../bench/synthetic-model.js';
import { closeLoaderWorkers, loadModelInParallel } from '../../generator/io/parallel-load.js';
import { readModel } from '../../generator/io/read-model.js';
import { loadModel } from '../../generator/model/load.js';
import type { SourceFile } from '../../generator/model/types.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const withBytes = (files: SourceFile[]): SourceFile[] => files.map((f) => ({ ...f, bytes: utf8(f.text) }));

/** A synthetic model with problems in several files, a layout, and files given out of order. */
function brokenModel(): SourceFile[] {
  const files = withBytes(syntheticModel(40));
  files[1] = { ...files[1]!, bytes: utf8(files[1]!.text.replace('    version: 1\n', '    version: one\n').replace('  Agg1x0:\n', '  Agg1x0:\n    colour: red\n')) };
  const bad = utf8(files[2]!.text);
  bad[200] = 0xff; // invalid UTF-8 in the middle of the file
  files[2] = { ...files[2]!, bytes: bad };
  files.push({ path: 'context-0000.layout.yaml', text: 'Agg0x0: { x: 10, y: 20 }\nAgg0x1: { x: nope, y: 1 }\n' });
  files.push({ path: 'zz-syntax.yaml', text: 'stormsmith: 1\ncontext: Broken\naggregates:\n  A: [\n' });
  files.push({ path: 'aa-tabs.yaml', text: 'stormsmith: 1\ncontext: Tabs\naggregates:\n\tA: {}\n' });
  return files.reverse();
}

async function expectSameAsOneThread(files: SourceFile[], workers: number): Promise<void> {
  const single = loadModel(files);
  const onlyWorkers = await loadModelInParallel(files, { workers, mainThreadLoads: false });
  const shared = await loadModelInParallel(files, { workers });
  const domainFiles = files.filter((f) => !f.path.endsWith('.layout.yaml')).length;
  expect(onlyWorkers.loadedByWorkers).toBe(domainFiles);
  for (const parallel of [onlyWorkers.loaded, shared.loaded]) {
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(single));
    // Deep equality also sees what JSON drops (undefined-valued keys, -0, key presence).
    expect(isDeepStrictEqual(parallel, single)).toBe(true);
  }
}

describe('loadModelInParallel', () => {
  afterAll(closeLoaderWorkers);

  it('loads the library example exactly as one thread does', async () => {
    const { files } = await readModel('models/library');
    await expectSameAsOneThread(files, 1);
  });

  it('loads the shop example exactly as one thread does', async () => {
    const { files } = await readModel('models/shop');
    await expectSameAsOneThread(files, 2);
  });

  it('loads a synthetic 60-aggregate model exactly as one thread does', async () => {
    const files = withBytes(syntheticModel(60));
    expect(loadModel(files).ok).toBe(true);
    await expectSameAsOneThread(files, 2);
  });

  it('reports the same diagnostics, in the same order, for a model with errors', async () => {
    const files = brokenModel();
    const single = loadModel(files);
    expect(single.ok).toBe(false);
    const codes = new Set(single.diagnostics.map((d) => d.code));
    for (const code of ['E_ENCODING', 'E_YAML_SYNTAX', 'E_UNKNOWN_FIELD']) expect(codes).toContain(code);
    await expectSameAsOneThread(files, 2);
  });

  it('with zero workers loads in this thread', async () => {
    const files = withBytes(syntheticModel(20));
    const result = await loadModelInParallel(files, { workers: 0 });
    expect(result.loadedByWorkers).toBe(0);
    expect(JSON.stringify(result.loaded)).toBe(JSON.stringify(loadModel(files)));
  });

  it('passes each load its own options, also to workers started by an earlier load', async () => {
    const files = withBytes(syntheticModel(20));
    const { loaded, loadedByWorkers } = await loadModelInParallel(files, { workers: 1, mainThreadLoads: false, maxBytes: 1000 });
    expect(loadedByWorkers).toBe(2);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['E_TOO_LARGE', 'E_TOO_LARGE']);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(loadModel(files, { maxBytes: 1000 })));
  });
});
