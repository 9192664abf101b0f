// The renderer over the Electron preload bridge (a fake one: no Electron binary here): sessions
// follow main's opened folder, unsaved files are reported, backups live in main, menu commands
// reach the board.
import { describe, expect, it } from 'vitest';
import { DesktopShell } from '../../app/renderer/workspace/desktop-shell.js';
import { sha256Hex } from '../../app/renderer/workspace/memory-workspace.js';
import type { MenuCommand } from '../../app/shared/ipc-contract.js';
import { FakeMain } from './fake-bridge.js';
import { jsonCore } from './fake-core.js';
import { lendingContext } from './fixture.js';

const ctxText = (description = 'Loans of library copies') => `${JSON.stringify({ ...lendingContext(), description }, null, 1)}\n`;
const loan = { context: 'Lending', kind: 'aggregate', name: 'Loan' } as const;

/** Resolves once the shell reached `status` (events from main are handled asynchronously). */
function reached(shell: DesktopShell, status: string): Promise<void> {
  return new Promise((resolve) => {
    if (shell.getState().status === status) return resolve();
    const stop = shell.subscribe(() => {
      if (shell.getState().status === status) {
        stop();
        resolve();
      }
    });
  });
}

async function openShell(main: FakeMain) {
  const shell = new DesktopShell(main.bridge, jsonCore);
  await shell.start();
  return shell;
}

describe('desktop shell over the preload bridge', () => {
  it('waits for a folder, then opens a session when main reports one opened', async () => {
    const main = new FakeMain();
    const shell = await openShell(main);
    expect(shell.getState().status).toBe('no-folder');
    expect(shell.getState().session).toBeUndefined();

    await main.open({ 'lending.yaml': ctxText() }, '/repo/models/library');
    await reached(shell, 'open');
    const session = shell.getState().session!;
    expect(session.getState().status).toBe('ready');
    expect(session.getState().info?.root).toBe('/repo/models/library');
    expect(session.getState().model.contexts.map((c) => c.name)).toEqual(['Lending']);
    expect(main.dirtyReports).toEqual([[]]);
  });

  it('opens the folder main already has at start-up; a reopen keeps the board and its edits', async () => {
    const main = new FakeMain();
    await main.open({ 'lending.yaml': ctxText() }, '/repo/a');
    const shell = await openShell(main);
    expect(shell.getState().status).toBe('open');
    const session = shell.getState().session!;
    session.apply({ type: 'update', ref: loan, set: { description: 'unsaved' } });
    await main.reopen();
    expect(shell.getState().session).toBe(session);
    expect(session.getState().dirty.has('lending.yaml')).toBe(true);
  });

  it('replaces the session when another folder opens, and stops following the old one', async () => {
    const main = new FakeMain();
    const first = await main.open({ 'lending.yaml': ctxText('first') }, '/repo/a');
    const shell = await openShell(main);
    const old = shell.getState().session!;
    const number = shell.getState().sessionNumber;
    await main.open({ 'lending.yaml': ctxText('second') }, '/repo/b');
    await reached(shell, 'open');
    const next = shell.getState().session!;
    expect(next).not.toBe(old);
    expect(shell.getState().sessionNumber).toBe(number + 1);
    expect(next.getState().model.contexts[0]?.description).toBe('second');
    // The old session no longer reports dirty state or listens to its folder.
    const reports = main.dirtyReports.length;
    old.apply({ type: 'update', ref: loan, set: { description: 'late edit' } });
    expect(main.dirtyReports.length).toBe(reports);
    await first.writeModel('lending.yaml', ctxText('changed on disk'));
    await old.idle();
    expect(old.getState().model.contexts[0]?.description).toBe('first');
  });

  it('keeps only the newest of two folders opened in quick succession', async () => {
    const main = new FakeMain();
    const shell = await openShell(main);
    const first = main.open({ 'lending.yaml': ctxText('first') }, '/repo/a');
    const second = main.open({ 'lending.yaml': ctxText('second') }, '/repo/b');
    await Promise.all([first, second]);
    await reached(shell, 'open');
    expect(shell.getState().session!.getState().info?.root).toBe('/repo/b');
    expect(shell.getState().session!.getState().model.contexts[0]?.description).toBe('second');
    expect(shell.getState().sessionNumber).toBe(1);
  });

  it('reports the unsaved files to main whenever that set changes', async () => {
    const main = new FakeMain();
    await main.open({ 'lending.yaml': ctxText() }, '/repo/a');
    const shell = await openShell(main);
    const session = shell.getState().session!;
    session.apply({ type: 'update', ref: loan, set: { description: 'one' } });
    session.apply({ type: 'update', ref: loan, set: { description: 'two' } });
    expect(main.dirtyReports).toEqual([[], ['lending.yaml']]);
    expect(await session.save()).toBe(true);
    expect(main.dirtyReports).toEqual([[], ['lending.yaml'], []]);
  });

  it('backs up unsaved texts in main (not localStorage) and drops them on save', async () => {
    const main = new FakeMain();
    await main.open({ 'lending.yaml': ctxText() }, '/repo/a');
    const diskHash = await sha256Hex(ctxText());
    const shell = await openShell(main);
    const session = shell.getState().session!;
    session.apply({ type: 'update', ref: loan, set: { description: 'kept through a crash' } });
    await shell.flushBackups();
    expect(main.backups.get('lending.yaml')).toMatchObject({ text: session.textOf('lending.yaml'), baseHash: diskHash });
    expect(main.backups.get('lending.yaml')?.text).toContain('kept through a crash');
    expect(await session.save()).toBe(true);
    await shell.flushBackups();
    expect(main.backups.size).toBe(0);
    expect(main.backupCalls.at(-1)).toBe('discard lending.yaml');
  });

  it('offers the backups main kept after a crash, and drops stale ones', async () => {
    const main = new FakeMain();
    const text = ctxText();
    await main.open({ 'lending.yaml': text, 'other.yaml': ctxText('other') }, '/repo/a');
    const crashed = ctxText('edit before the crash');
    main.backups.set('lending.yaml', { path: 'lending.yaml', text: crashed, baseHash: await sha256Hex(text), savedAt: 'x' });
    // Made against a disk version that is gone: restoring it would undo someone else's change.
    main.backups.set('other.yaml', { path: 'other.yaml', text: ctxText('stale'), baseHash: 'not-the-disk-hash', savedAt: 'x' });
    const shell = await openShell(main);
    const session = shell.getState().session!;
    expect(session.getState().recoverable).toEqual(['lending.yaml']);
    await shell.flushBackups();
    expect(main.backups.has('other.yaml')).toBe(false);
    session.recover();
    expect(session.textOf('lending.yaml')).toBe(crashed);
    expect(session.getState().dirty.has('lending.yaml')).toBe(true);
  });

  it('hands native menu commands to the board', async () => {
    const main = new FakeMain();
    const shell = await openShell(main);
    const seen: MenuCommand[] = [];
    const stop = shell.onMenuCommand((c) => seen.push(c));
    main.sendMenu('save');
    main.sendMenu('zoom-to-fit');
    stop();
    main.sendMenu('undo');
    expect(seen).toEqual(['save', 'zoom-to-fit']);
    shell.dispose();
  });
});
