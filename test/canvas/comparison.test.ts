// Comparison mode on the board (model/comparison.ts): the generator's diff of a real git change
// (WorkspaceApi.compareWith over a folder), laid over the board graph of the saved model.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Model } from '../../generator/model/types.js';
import { boardComparison, GHOST, withComparison } from '../../app/renderer/model/comparison.js';
import { contextOffsets, toGraph, type StickyNode } from '../../app/renderer/model/graph.js';
import { refOfNodeId } from '../../app/renderer/model/refs.js';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { ComparisonStore } from '../../app/renderer/workspace/comparison-store.js';
import { modelCore } from '../../app/renderer/workspace/core.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import { Session } from '../../app/renderer/workspace/session.js';
import { compareFolderWithRef } from '../../app/workspace/compare-with-ref.js';
import { scriptedShopChange } from '../support/shop-change.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** The saved model of a folder, loaded as the board loads it. */
function loadFolder(dir: string): Model {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  const loaded = modelCore.load(files);
  if (!loaded.model) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.model;
}

async function compared(dir: string, ref = 'main') {
  const answer = await compareFolderWithRef(dir, ref);
  const before = modelCore.load(answer.before).model!;
  const board = toGraph(loadFolder(dir));
  return { answer, before, board, cmp: boardComparison(answer, before) };
}

const stickies = (nodes: readonly { type?: string }[]) => nodes.filter((n): n is StickyNode => n.type === 'sticky');

describe('comparison mode', () => {
  it('marks the scripted shop change: added and changed stickies, the removed projection as a ghost where it stood', async () => {
    const shop = scriptedShopChange({ removeProjection: true });
    cleanups.push(shop.cleanup);
    const { answer, before, board, cmp } = await compared(shop.dir);
    expect(answer.headline).toBe('2 added, 1 removed, 2 changed, 1 newly published');
    const graph = withComparison(board, cmp);
    const marks = Object.fromEntries(stickies(graph.nodes).filter((n) => n.data.compare).map((n) => [n.id, n.data.compare!.mark]));
    expect(marks).toEqual({
      'Ordering/command/ChangeShippingAddress': 'added',
      'Ordering/event/ShippingAddressChanged': 'added',
      'Ordering/event/OrderCancelled': 'changed',
      'Ordering/event/OrderShipped': 'changed',
      [`${GHOST}Ordering/projection/OrderStatus`]: 'removed',
    });
    // What `stormsmith diff` prints about it is what the sticky says.
    const cancelled = stickies(graph.nodes).find((n) => n.id === 'Ordering/event/OrderCancelled')!;
    expect(cancelled.data.compare!.notes).toEqual(['~ event Ordering.OrderCancelled', 'version 1 -> 2', 'field reason renamed to cancellationReason', 'schema: new-version (v1 -> v2 (declarative upcast))']);
    // The ghost: not an element of the board, not selectable, at its old layout place in the Ordering frame.
    const ghost = stickies(graph.nodes).find((n) => n.id === `${GHOST}Ordering/projection/OrderStatus`)!;
    expect(ghost.data.ghost).toBe(true);
    expect(refOfNodeId(ghost.id)).toBeUndefined();
    expect([ghost.selectable, ghost.draggable, ghost.connectable]).toEqual([false, false, false]);
    const saved = before.layouts['ordering.yaml']!.positions['OrderStatus']!;
    const offset = contextOffsets(board).get('Ordering')!;
    expect(ghost.position).toEqual({ x: saved.x + offset.x, y: saved.y + offset.y });
    // The board's own stickies are all still there, unmarked unless changed.
    expect(stickies(graph.nodes).filter((n) => !n.data.ghost).map((n) => n.id)).toEqual(stickies(board.nodes).map((n) => n.id));
    // Arrows: the new command's arrows are new; the projection's three `from` arrows are removed ghosts.
    const added = graph.edges.filter((e) => e.className === 'compare-added').map((e) => `${e.source} -> ${e.target}`).sort();
    expect(added).toEqual([
      'Ordering/actor/Customer -> Ordering/command/ChangeShippingAddress',
      'Ordering/aggregate/Order -> Ordering/event/ShippingAddressChanged',
      'Ordering/command/ChangeShippingAddress -> Ordering/aggregate/Order',
      'Ordering/command/ChangeShippingAddress -> Ordering/event/ShippingAddressChanged',
    ]);
    const removed = graph.edges.filter((e) => e.className === 'compare-removed');
    expect(removed.map((e) => `${e.source} -> ${e.target}`).sort()).toEqual(
      ['OrderPlaced', 'OrderCancelled', 'OrderShipped'].map((e) => `Ordering/event/${e} -> ${GHOST}Ordering/projection/OrderStatus`).sort(),
    );
    expect(removed.every((e) => e.target === ghost.id || e.source === ghost.id)).toBe(true);
    expect(removed.every((e) => e.id.startsWith(GHOST))).toBe(true);
  });

  it('follows a renamed element: marked renamed, its arrows neither added nor removed', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-compare-rename-'));
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    cpSync(fileURLToPath(new URL('../../models/library', import.meta.url)), repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'library');
    for (const f of ['lending.yaml', 'lending.layout.yaml']) writeFileSync(path.join(repo, f), readFileSync(path.join(repo, f), 'utf8').replaceAll('BorrowBook', 'LendBook'));
    const { board, cmp } = await compared(repo);
    const graph = withComparison(board, cmp);
    expect(stickies(graph.nodes).filter((n) => n.data.compare).map((n) => [n.id, n.data.compare!.mark])).toEqual([['Lending/command/LendBook', 'renamed']]);
    expect(graph.edges.filter((e) => e.className)).toEqual([]);
    expect(graph.edges).toHaveLength(board.edges.length);
  });

  it('a store request: refusals come back as a sentence and keep the previous comparison', async () => {
    const ws = new MemoryWorkspace();
    const store = new ComparisonStore(ws, modelCore);
    expect(await store.open('  ')).toMatch(/Name a git revision/);
    expect(await store.open('main')).toBe('Cannot compare with main: "main" is not a revision here (the in-memory board has no git history)');
    expect(store.getState()).toEqual({ status: 'off', ref: 'main' });
    ws.comparisons.set('main', { ref: 'main', changes: [], summary: {}, headline: 'no domain changes', notes: [], before: [] });
    expect(await store.open('main')).toBeUndefined();
    expect(store.getState().status).toBe('on');
    expect(store.getState().comparison!.headline).toBe('no domain changes');
    expect(await store.open('nope')).toMatch(/^Cannot compare with nope/);
    expect(store.getState().status).toBe('on');
    expect(store.getState().comparison!.ref).toBe('main');
    store.close();
    expect(store.getState()).toEqual({ status: 'off', ref: 'nope' });
  });

  it('a save while comparing compares the saved model again; with the mode off it does not', async () => {
    const lending = readFileSync(fileURLToPath(new URL('../../models/library/lending.yaml', import.meta.url)), 'utf8');
    const ws = new MemoryWorkspace({ 'lending.yaml': lending });
    const asked: string[] = [];
    const answer = (headline: string) => ({ ref: 'main', changes: [], summary: {}, headline, notes: [], before: [] });
    ws.compareWith = async (ref) => (asked.push(ref), answer(`answer ${asked.length}`));
    const session = new Session(ws, modelCore, new MemoryBackupStore());
    await session.open();
    const rename = (from: string, to: string) => session.apply({ type: 'rename', ref: { context: 'Lending', kind: 'command', name: from }, to });
    rename('BorrowBook', 'LendBook');
    await session.save();
    expect(asked).toEqual([]);
    await session.comparison.open('main');
    rename('LendBook', 'BorrowBook');
    expect(asked).toEqual(['main']);
    await session.save();
    await expect.poll(() => session.comparison.getState().comparison?.headline).toBe('answer 2');
    expect(asked).toEqual(['main', 'main']);
    session.comparison.close();
    rename('BorrowBook', 'LendBook');
    await session.save();
    expect(asked).toEqual(['main', 'main']);
  });
});

