// The parts the canvas session is made of (issue 16: Session split): its state store, model <->
// texts with their caches, and the generation runner, each on its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GenerationPreview } from '../../app/shared/workspace-api.js';
import { MemoryBackupStore, takeRecoverable } from '../../app/renderer/workspace/backup.js';
import { modelCore } from '../../app/renderer/workspace/core.js';
import { GenerationRunner, type GenerationState } from '../../app/renderer/workspace/generation-runner.js';
import type { ModelCore } from '../../app/renderer/workspace/model-core.js';
import { ModelTexts } from '../../app/renderer/workspace/model-texts.js';
import { Store } from '../../app/renderer/workspace/store.js';
import { applyChange } from '../../app/renderer/model/changes.js';

const lending = readFileSync(new URL('../../models/library/lending.yaml', import.meta.url), 'utf8');
const layout = readFileSync(new URL('../../models/library/lending.layout.yaml', import.meta.url), 'utf8');
const shipping = readFileSync(new URL('../../models/shop/shipping.yaml', import.meta.url), 'utf8');

/** The real core, counting what it is asked to do. */
function countingCore() {
  const calls = { load: 0, serializeContext: 0, serializeLayout: 0 };
  const core: ModelCore = {
    load: (files) => (calls.load++, modelCore.load(files)),
    serializeContext: (ctx, base) => (calls.serializeContext++, modelCore.serializeContext(ctx, base)),
    serializeLayout: (l, base) => (calls.serializeLayout++, modelCore.serializeLayout(l, base)),
    validate: modelCore.validate,
  };
  return { core, calls };
}

describe('Store', () => {
  it('set tells every listener once; stage changes the state without telling', () => {
    const store = new Store({ a: 1, b: 'x' });
    let told = 0;
    const off = store.subscribe(() => told++);
    store.stage({ a: 2 });
    expect([store.getState(), told]).toEqual([{ a: 2, b: 'x' }, 0]);
    store.set({ b: 'y' });
    expect([store.getState(), told]).toEqual([{ a: 2, b: 'y' }, 1]);
    off();
    store.set({ a: 3 });
    expect(told).toBe(1);
  });
});

describe('ModelTexts', () => {
  const disk = new Map([
    ['lending.yaml', lending],
    ['lending.layout.yaml', layout],
    ['shipping.yaml', shipping],
  ]);
  const diskText = (p: string) => disk.get(p);

  it('a model read from the disk texts serialises to exactly those texts, with no serialisation at all', () => {
    const { core, calls } = countingCore();
    const texts = new ModelTexts(core);
    const loaded = texts.reread(disk);
    expect(calls.load).toBe(3);
    texts.adopt(loaded.model!, disk, diskText);
    const out = texts.serialize(loaded.model!, diskText);
    expect(out.texts).toEqual(disk);
    expect(out.unsavable.size).toBe(0);
    expect(calls.serializeContext + calls.serializeLayout).toBe(0);
  });

  it('an edit serialises and re-parses only the file it touched', () => {
    const { core, calls } = countingCore();
    const texts = new ModelTexts(core);
    const model = texts.reread(disk).model!;
    texts.adopt(model, disk, diskText);
    const edited = applyChange(model, { type: 'rename', ref: { context: 'Lending', kind: 'command', name: 'BorrowBook' }, to: 'LendBook' }).model;
    const out = texts.serialize(edited, diskText);
    expect(calls.serializeContext).toBe(1);
    expect(out.texts.get('shipping.yaml')).toBe(shipping);
    expect(out.texts.get('lending.yaml')).toContain('LendBook:');
    calls.load = 0;
    const again = texts.reread(out.texts);
    // lending.yaml and its layout changed (the position moves to the new name); shipping did not.
    expect(calls.load).toBe(2);
    expect(again.model!.contexts.find((c) => c.name === 'Lending')!.commands.map((c) => c.name)).toContain('LendBook');
  });

  it('a context the serializer cannot write stays on its disk text and is reported unsavable', () => {
    const failing: ModelCore = { ...modelCore, serializeContext: () => { throw new Error('does not read back'); } };
    const texts = new ModelTexts(failing);
    const model = texts.reread(disk).model!;
    const edited = applyChange(model, { type: 'rename', ref: { context: 'Lending', kind: 'command', name: 'BorrowBook' }, to: 'LendBook' }).model;
    const out = texts.serialize(edited, diskText);
    expect([...out.unsavable]).toEqual(['lending.yaml', 'shipping.yaml']);
    expect(out.texts.get('lending.yaml')).toBe(lending);
    expect(out.error).toMatch(/cannot be saved yet: does not read back/);
  });
});

describe('GenerationRunner', () => {
  const preview: GenerationPreview = { ok: true, diagnostics: [], files: [{ path: 'a.ts', status: 'unchanged' }] };
  const run: GenerationPreview = { ok: true, diagnostics: [], files: [{ path: 'a.ts', status: 'added' }] };

  it('runs, then previews what is left; one request at a time', async () => {
    const store = new Store<GenerationState>({ generating: false });
    let calls = 0;
    const runner = new GenerationRunner({ previewGeneration: async () => (calls++, preview), runGeneration: async () => run }, store.getState, (p) => store.set(p));
    const first = runner.run();
    await runner.preview(); // ignored: a run is in flight
    await first;
    expect(calls).toBe(1);
    expect(store.getState()).toEqual({ generating: false, lastRun: run, generation: preview, notice: { kind: 'info', text: 'Generated: 1 file written.' } });
  });

  it('a failure is a notice, and the runner is free again', async () => {
    const store = new Store<GenerationState>({ generating: false });
    const runner = new GenerationRunner({ previewGeneration: async () => { throw new Error('E_GENERATOR_UNAVAILABLE: no'); }, runGeneration: async () => run }, store.getState, (p) => store.set(p));
    await runner.preview();
    expect(store.getState()).toEqual({ generating: false, notice: { kind: 'error', text: 'Preview failed: E_GENERATOR_UNAVAILABLE: no' } });
  });
});

describe('takeRecoverable (the journal at open)', () => {
  it('offers edits based on the disk as it is, drops saved and stale ones from the journal', () => {
    const backup = new MemoryBackupStore();
    const at = '2026-12-06T00:00:00.000Z';
    backup.put('a.yaml', { text: 'edited a', baseHash: 'ha', savedAt: at }); // base is on disk: offered
    backup.put('b.yaml', { text: 'disk b', baseHash: 'hb', savedAt: at }); // equals the disk: saved already
    backup.put('c.yaml', { text: 'edited c', baseHash: 'old', savedAt: at }); // the disk moved on: stale
    backup.put('d.yaml', { text: 'new d', baseHash: null, savedAt: at }); // a new file, still absent: offered
    const disk = new Map([
      ['a.yaml', { text: 'disk a', hash: 'ha' }],
      ['b.yaml', { text: 'disk b', hash: 'hb' }],
      ['c.yaml', { text: 'disk c', hash: 'hc' }],
    ]);
    expect([...takeRecoverable(backup, (p) => disk.get(p))]).toEqual([
      ['a.yaml', 'edited a'],
      ['d.yaml', 'new d'],
    ]);
    expect(backup.paths()).toEqual(['a.yaml', 'd.yaml']);
  });
});
