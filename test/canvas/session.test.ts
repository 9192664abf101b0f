import { describe, expect, it } from 'vitest';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import { Session } from '../../app/renderer/workspace/session.js';
import { jsonCore } from './fake-core.js';
import { lendingContext } from './fixture.js';

const ctxText = () => `${JSON.stringify(lendingContext(), null, 1)}\n`;
const loan = { context: 'Lending', kind: 'aggregate', name: 'Loan' } as const;

async function open(backup = new MemoryBackupStore(), files: Record<string, string> = { 'lending.yaml': ctxText() }) {
  const ws = new MemoryWorkspace(files);
  const session = new Session(ws, jsonCore, backup);
  await session.open();
  return { ws, session, backup };
}

describe('session', () => {
  it('opens clean, becomes dirty on an edit and clean again on undo', async () => {
    const { session } = await open();
    expect(session.getState().status).toBe('ready');
    expect(session.getState().dirty.size).toBe(0);
    session.apply({ type: 'update', ref: loan, set: { description: 'changed' } });
    expect([...session.getState().dirty]).toEqual(['lending.yaml']);
    session.undo();
    expect(session.getState().dirty.size).toBe(0);
  });

  it('maps validator diagnostics to sticky badges as the model changes', async () => {
    const { session } = await open();
    expect(session.getState().problems.get('Lending/command/SendReminder')?.warnings).toBe(1);
    session.apply({ type: 'connect', source: { context: 'Lending', kind: 'command', name: 'SendReminder' }, target: { context: 'Lending', kind: 'event', name: 'BookBorrowed' } });
    expect(session.getState().problems.get('Lending/command/SendReminder')).toBeUndefined();
  });

  it('shows why a connection is refused and records no step', async () => {
    const { session } = await open();
    const ok = session.apply({ type: 'connect', source: { context: 'Lending', kind: 'event', name: 'BookBorrowed' }, target: { context: 'Lending', kind: 'command', name: 'SendReminder' } });
    expect(ok).toBe(false);
    expect(session.getState().notice).toEqual({ kind: 'refused', text: expect.stringContaining('policy') as unknown as string });
    expect(session.getState().history.past).toHaveLength(0);
  });

  it('saves with the expected hash, writes the layout sidecar, and ignores the echo of its own write', async () => {
    const { ws, session } = await open();
    session.apply({ type: 'move', moves: [{ ref: loan, x: 5, y: 6 }] });
    const revision = session.getState().revision;
    expect(await session.save()).toBe(true);
    await session.idle();
    expect(ws.writes.map((w) => w.path)).toEqual(['lending.layout.yaml']);
    expect(JSON.parse(ws.text('lending.layout.yaml')!)).toEqual({ Loan: { x: 5, y: 6 } });
    expect(session.getState().dirty.size).toBe(0);
    expect(session.getState().revision).toBe(revision);
  });

  it('reloads a clean board when the file changes on disk, and resets undo', async () => {
    const { ws, session } = await open();
    session.apply({ type: 'move', moves: [{ ref: loan, x: 1, y: 1 }] });
    await session.save();
    const ctx = lendingContext();
    ctx.aggregates[0]!.description = 'from git pull';
    await ws.editOnDisk('lending.yaml', `${JSON.stringify(ctx, null, 1)}\n`);
    await session.idle();
    expect(session.getState().model.contexts[0]!.aggregates[0]!.description).toBe('from git pull');
    expect(session.getState().history.past).toHaveLength(0);
    expect(session.getState().notice?.text).toMatch(/Reloaded lending.yaml/);
  });

  it('asks before touching a dirty board, keeps the edit, and "keep mine" overwrites on save', async () => {
    const { ws, session } = await open();
    session.apply({ type: 'update', ref: loan, set: { description: 'mine' } });
    const ctx = lendingContext();
    ctx.aggregates[0]!.description = 'theirs';
    await ws.editOnDisk('lending.yaml', `${JSON.stringify(ctx, null, 1)}\n`);
    await session.idle();
    expect(session.getState().conflict?.path).toBe('lending.yaml');
    expect(session.getState().model.contexts[0]!.aggregates[0]!.description).toBe('mine');
    expect(await session.save()).toBe(false); // refuses while the question is open
    session.keepMine();
    expect(await session.save()).toBe(true);
    expect(JSON.parse(ws.text('lending.yaml')!).aggregates[0].description).toBe('mine');
  });

  it('"take theirs" drops the local edit of that file', async () => {
    const { ws, session } = await open();
    session.apply({ type: 'update', ref: loan, set: { description: 'mine' } });
    const ctx = lendingContext();
    ctx.aggregates[0]!.description = 'theirs';
    await ws.editOnDisk('lending.yaml', `${JSON.stringify(ctx, null, 1)}\n`);
    await session.idle();
    session.takeTheirs();
    expect(session.getState().model.contexts[0]!.aggregates[0]!.description).toBe('theirs');
    expect(session.getState().dirty.size).toBe(0);
  });

  it('a save that races an outside write becomes a conflict, never an overwrite', async () => {
    const { ws, session } = await open();
    session.apply({ type: 'update', ref: loan, set: { description: 'mine' } });
    // The outside write lands without a change notification reaching us (watcher lag).
    (ws as unknown as { files: Map<string, string> }).files.set('lending.yaml', '{"sneaky":true}');
    expect(await session.save()).toBe(false);
    expect(session.getState().conflict?.path).toBe('lending.yaml');
    expect(ws.text('lending.yaml')).toBe('{"sneaky":true}');
  });

  it('journals unsaved edits and offers them back on the next open', async () => {
    const backup = new MemoryBackupStore();
    const first = await open(backup);
    first.session.apply({ type: 'update', ref: loan, set: { description: 'unsaved' } });
    first.session.close();
    const files = { 'lending.yaml': first.ws.text('lending.yaml')! };
    const second = await open(backup, files);
    expect(second.session.getState().recoverable).toEqual(['lending.yaml']);
    second.session.recover();
    expect(second.session.getState().model.contexts[0]!.aggregates[0]!.description).toBe('unsaved');
    expect([...second.session.getState().dirty]).toEqual(['lending.yaml']);
  });

  it('drops a journal entry whose base no longer matches the disk', async () => {
    const backup = new MemoryBackupStore();
    backup.put('lending.yaml', { text: 'old edit', baseHash: 'not-the-disk-hash', savedAt: '2026-01-01T00:00:00Z' });
    const { session } = await open(backup);
    expect(session.getState().recoverable).toBeUndefined();
    expect(backup.paths()).toEqual([]);
  });

  it('previews and runs generation through the workspace', async () => {
    const { ws, session } = await open();
    ws.generation = { ok: true, diagnostics: [], files: [{ path: 'src/a.ts', status: 'added', diff: '+a' }] };
    await session.previewGeneration();
    expect(session.getState().generation?.files[0]?.path).toBe('src/a.ts');
    await session.runGeneration();
    expect(ws.generationRuns).toBe(1);
  });
});

describe('session when the serializer refuses', () => {
  it('keeps the file dirty and refuses to save instead of dropping the edit', async () => {
    const ws = new MemoryWorkspace({ 'lending.yaml': ctxText() });
    let fail = false;
    const core = { ...jsonCore, serializeContext: (c: Parameters<typeof jsonCore.serializeContext>[0], p: string | undefined) => {
      if (fail) throw new Error('does not read back');
      return jsonCore.serializeContext(c, p);
    } };
    const session = new Session(ws, core, new MemoryBackupStore());
    await session.open();
    fail = true;
    session.apply({ type: 'update', ref: loan, set: { description: 'x' } });
    expect([...session.getState().dirty]).toEqual(['lending.yaml']);
    expect(session.getState().notice?.text).toMatch(/cannot be saved yet/);
    expect(await session.save()).toBe(false);
    expect(ws.writes).toEqual([]);
    fail = false;
    session.apply({ type: 'update', ref: loan, set: { description: 'y' } });
    expect(await session.save()).toBe(true);
  });
});
