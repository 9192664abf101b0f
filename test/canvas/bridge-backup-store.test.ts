// The desktop journal: reads from its mirror at once, writes through to main one request per
// path at a time, newest text winning, and only calls main for backups that exist.
import { describe, expect, it } from 'vitest';
import { BridgeBackupStore } from '../../app/renderer/workspace/bridge-backup-store.js';
import { FakeMain } from './fake-bridge.js';

const entry = (text: string) => ({ text, baseHash: 'h', savedAt: '2026-01-01T00:00:00.000Z' });

describe('bridge backup store', () => {
  it('loads what main kept and answers from it', async () => {
    const main = new FakeMain();
    main.backups.set('b.yaml', { path: 'b.yaml', text: 'B', baseHash: null, savedAt: 's' });
    main.backups.set('a.yaml', { path: 'a.yaml', text: 'A', baseHash: 'h', savedAt: 's' });
    const store = await BridgeBackupStore.load(main.bridge.backups, '/repo', () => undefined);
    expect(store.paths()).toEqual(['a.yaml', 'b.yaml']);
    expect(store.get('b.yaml')).toEqual({ text: 'B', baseHash: null, savedAt: 's' });
  });

  it('sends one request at a time per path; the newest text wins over ones not yet sent', async () => {
    const main = new FakeMain();
    const store = await BridgeBackupStore.load(main.bridge.backups, '/repo', () => undefined);
    let release!: () => void;
    main.backupGate = new Promise((r) => (release = r));
    store.put('a.yaml', entry('x'));
    store.put('a.yaml', entry('xx'));
    store.put('a.yaml', entry('xxx'));
    expect(store.get('a.yaml')?.text).toBe('xxx');
    release();
    await store.flush();
    expect(main.backupCalls).toEqual(['save a.yaml 1', 'save a.yaml 3']);
    expect(main.backups.get('a.yaml')?.text).toBe('xxx');

    store.put('a.yaml', entry('xxx')); // same text: nothing to send
    store.remove('nope.yaml'); // never backed up: nothing to send
    await store.flush();
    expect(main.backupCalls).toHaveLength(2);
    store.remove('a.yaml');
    await store.flush();
    expect(main.backupCalls.at(-1)).toBe('discard a.yaml');
    expect(main.backups.size).toBe(0);
  });

  it('reports a failed backup instead of losing it silently', async () => {
    const main = new FakeMain();
    main.bridge.backups.save = async () => {
      throw new Error('E_IO: disk full');
    };
    const errors: string[] = [];
    const store = await BridgeBackupStore.load(main.bridge.backups, '/repo', (m) => errors.push(m));
    store.put('a.yaml', entry('x'));
    await store.flush();
    expect(errors).toEqual(['Could not back up a.yaml: E_IO: disk full']);
  });
});
