import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupStore } from '../../app/main/backup-store.js';
import { decideOnClose, mayClose, type CloseGuardDeps } from '../../app/main/close-guard.js';
import { createCrashHandler } from '../../app/main/crash-recovery.js';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

const ROOT = '/home/me/repo/models/library';

describe('backup store', () => {
  let appData: TempFolder;
  let store: BackupStore;
  beforeEach(async () => {
    appData = await makeTempFolder('stormsmith-appdata-');
    store = new BackupStore(path.join(appData.dir, 'backups'), () => new Date('2026-01-02T03:04:05Z'));
  });
  afterEach(() => appData.remove());

  it('keeps the latest text per (folder, path), separately per folder', async () => {
    await store.save(ROOT, 'lending.yaml', 'v1', null);
    await store.save(ROOT, 'lending.yaml', 'v2', 'a'.repeat(64));
    await store.save('/other/folder', 'lending.yaml', 'other', null);
    expect(await store.list(ROOT)).toEqual([{ path: 'lending.yaml', text: 'v2', baseHash: 'a'.repeat(64), savedAt: '2026-01-02T03:04:05.000Z' }]);
    expect((await store.list('/other/folder')).map((b) => b.text)).toEqual(['other']);
    expect(await store.has(ROOT, 'lending.yaml')).toBe(true);
    await store.discard(ROOT, 'lending.yaml');
    expect(await store.list(ROOT)).toEqual([]);
    await store.discard(ROOT, 'lending.yaml');
  });

  it('skips unreadable backup files instead of failing recovery', async () => {
    await store.save(ROOT, 'good.yaml', 'good', null);
    const dir = path.join(appData.dir, 'backups');
    await writeFile(path.join(dir, `${'0'.repeat(40)}.json`), '{"version":1,"root":');
    await writeFile(path.join(dir, `${'1'.repeat(40)}.json`), JSON.stringify({ version: 1, root: ROOT, path: 'x.yaml', text: 5 }));
    expect((await store.list(ROOT)).map((b) => b.path)).toEqual(['good.yaml']);
  });

  it('survives a kill -9 of the process that wrote it', async () => {
    const dir = path.join(appData.dir, 'backups');
    // tsx as a loader in this one process (its CLI would run the script in a child that a
    // SIGKILL of the CLI leaves running).
    const tsxLoader = import.meta.resolve('tsx');
    const script = path.join(appData.dir, 'writer.mts');
    const storeModule = fileURLToPath(new URL('../../app/main/backup-store.ts', import.meta.url));
    await writeFile(
      script,
      `import { BackupStore } from ${JSON.stringify(storeModule)};
       const store = new BackupStore(${JSON.stringify(dir)});
       let n = 0;
       // Keep writing newer drafts until killed, like a renderer backing up every edit.
       for (; n < 100_000; ) { n++; await store.save(${JSON.stringify(ROOT)}, 'lending.yaml', 'draft ' + n + '\\n', null); if (n === 3) process.stdout.write('ready\\n'); }`,
    );
    const child = spawn(process.execPath, ['--import', tsxLoader, script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const recovered = await new BackupStore(dir).list(ROOT);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]?.text).toMatch(/^draft \d+\n$/);
    expect(Number(/\d+/.exec(recovered[0]?.text ?? '')?.[0])).toBeGreaterThanOrEqual(3);
    // A temp file the kill may have left is ignored by recovery and never mistaken for a backup.
    expect((await readdir(dir)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });
});

describe('close guard', () => {
  it('decides from dirty models, backups and the hot-exit setting', () => {
    expect(decideOnClose([], () => false, false)).toBe('close');
    expect(decideOnClose(['a.yaml'], () => true, true)).toBe('close');
    expect(decideOnClose(['a.yaml', 'b.yaml'], (p) => p === 'a.yaml', true)).toBe('ask');
    expect(decideOnClose(['a.yaml'], () => true, false)).toBe('ask');
  });

  const deps = (over: Partial<CloseGuardDeps>): CloseGuardDeps & { log: string[] } => {
    const log: string[] = [];
    return {
      log,
      dirty: () => ['lending.yaml'],
      hasBackup: async () => false,
      hotExit: true,
      ask: async () => 2,
      requestSave: () => void log.push('save requested'),
      waitUntilClean: async () => true,
      discardBackups: async (paths) => void log.push(`discarded ${paths.join(',')}`),
      ...over,
    };
  };

  it('closes silently with hot exit when every dirty model is backed up', async () => {
    const d = deps({ hasBackup: async () => true, ask: async () => Promise.reject(new Error('must not ask')) });
    expect(await mayClose(d)).toBe(true);
  });

  it('asks otherwise: save waits for the renderer, discard drops backups, cancel keeps the window', async () => {
    const save = deps({ ask: async () => 0 });
    expect(await mayClose(save)).toBe(true);
    expect(save.log).toEqual(['save requested']);
    const saveFails = deps({ ask: async () => 0, waitUntilClean: async () => false });
    expect(await mayClose(saveFails)).toBe(false);
    const discard = deps({ ask: async () => 1 });
    expect(await mayClose(discard)).toBe(true);
    expect(discard.log).toEqual(['discarded lending.yaml']);
    const cancel = deps({ ask: async () => 2 });
    expect(await mayClose(cancel)).toBe(false);
    expect(cancel.log).toEqual([]);
  });
});

describe('renderer crash recovery', () => {
  it('reloads after a crash or kill, not after a clean exit, and gives up on a crash loop', () => {
    let t = 0;
    let reloads = 0;
    const logs: string[] = [];
    const onGone = createCrashHandler({ reload: () => reloads++, log: (m) => logs.push(m), now: () => t, maxReloads: 2, windowMs: 1_000 });
    expect(onGone({ reason: 'clean-exit' })).toBe('ignored');
    expect(onGone({ reason: 'crashed' })).toBe('reloaded');
    t = 10;
    expect(onGone({ reason: 'killed' })).toBe('reloaded');
    t = 20;
    expect(onGone({ reason: 'oom' })).toBe('gave-up');
    t = 5_000;
    expect(onGone({ reason: 'crashed' })).toBe('reloaded');
    expect(reloads).toBe(3);
  });
});
