import { readdir, readFile, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupStore } from '../../app/main/backup-store.js';
import { registerIpcHandlers, type IpcMainLike } from '../../app/main/ipc-handlers.js';
import type { SenderEvent } from '../../app/main/sender-guard.js';
import { WorkspaceHost } from '../../app/main/workspace-host.js';
import { INVOKE_CHANNELS, type EventChannel, type IpcResponse } from '../../app/shared/ipc-contract.js';
import { contentHash } from '../../app/workspace/content-hash.js';
import { NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { scriptedShopChange } from '../support/shop-change.js';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

const WINDOW_ID = 7;
const LENDING = 'stormsmith: 1\ncontext: Lending\n';
const trusted: SenderEvent = { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://stormsmith/index.html', parent: null } };

/** A sample of valid arguments per channel (for the folder `root`), so the sender check is proven for each one. */
const sampleArgs = (root: string): Record<(typeof INVOKE_CHANNELS)[number], unknown[]> => ({
  'workspace:info': [],
  'workspace:list-models': [],
  'workspace:open-board': [],
  'workspace:read-model': ['lending.yaml'],
  'workspace:write-model': ['lending.yaml', 'pwned: true\n', null],
  'workspace:preview-generation': [],
  'workspace:run-generation': [],
  'workspace:compare-with': ['HEAD'],
  'shell:open-folder': [],
  'shell:set-dirty': [['lending.yaml']],
  'shell:open-external': ['https://example.com/'],
  'backup:save': [root, 'lending.yaml', 'pwned: true\n', null],
  'backup:discard': [root, 'lending.yaml'],
  'backup:list': [root],
});

describe('IPC handlers', () => {
  let folder: TempFolder;
  let outside: TempFolder;
  let appData: TempFolder;
  let host: WorkspaceHost;
  let backups: BackupStore;
  let handlers: Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>;
  const sent: { channel: EventChannel; payload: unknown }[] = [];
  const opened: string[] = [];
  const externals: string[] = [];
  const logs: string[] = [];
  let folderChoice: string | null = null;
  /** What the switch prompt answers, and how often it was asked. */
  let switchAnswer = true;
  let switchAsked = 0;
  /** The real path of `folder` (what WorkspaceInfo.root names). */
  let root: string;

  const invoke = async (channel: string, event: SenderEvent, ...args: unknown[]): Promise<IpcResponse<unknown>> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return (await handler(event, ...args)) as IpcResponse<unknown>;
  };
  const value = async (channel: string, ...args: unknown[]) => {
    const response = await invoke(channel, trusted, ...args);
    if (!response.ok) throw new Error(`${channel} failed: ${response.error.code} ${response.error.message}`);
    return response.value;
  };
  const errorCode = async (channel: string, ...args: unknown[]) => {
    const response = await invoke(channel, trusted, ...args);
    return response.ok ? 'ok' : response.error.code;
  };

  beforeEach(async () => {
    folder = await makeTempFolder();
    outside = await makeTempFolder('stormsmith-outside-');
    appData = await makeTempFolder('stormsmith-appdata-');
    await folder.write('lending.yaml', LENDING);
    await outside.write('secret.yaml', 'secret: 1\n');
    sent.length = opened.length = externals.length = logs.length = 0;
    folderChoice = null;
    switchAnswer = true;
    switchAsked = 0;
    root = await realpath(folder.dir);
    host = new WorkspaceHost((channel, payload) => sent.push({ channel, payload }), (dir) => NodeWorkspace.open(dir, { watch: { pollMs: 0 } }));
    backups = new BackupStore(path.join(appData.dir, 'backups'));
    handlers = new Map();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
    registerIpcHandlers({
      ipcMain,
      hostFor: (id) => (id === WINDOW_ID ? host : undefined),
      backups,
      chooseFolder: async () => folderChoice,
      confirmSwitch: async (id, asked) => {
        expect([id, asked]).toEqual([WINDOW_ID, host]);
        switchAsked++;
        return switchAnswer;
      },
      folderOpened: (f) => void opened.push(f),
      openExternal: async (url) => void externals.push(url),
      log: (m) => logs.push(m),
    });
  });
  afterEach(async () => {
    await host.close();
    await folder.remove();
    await outside.remove();
    await appData.remove();
  });

  const openFolder = async () => {
    folderChoice = folder.dir;
    return value('shell:open-folder');
  };

  it('registers exactly the channels of the contract', () => {
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  describe('sender checks, for every channel', () => {
    const untrusted: [string, SenderEvent][] = [
      ['a webContents that is not our window', { sender: { id: 99 }, senderFrame: { url: 'app://stormsmith/index.html', parent: null } }],
      ['a sub-frame of our window', { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://stormsmith/index.html', parent: {} } }],
      ['our window navigated elsewhere', { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } }],
      ['a look-alike origin', { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://stormsmith.evil.example/', parent: null } }],
      ['a file:// page', { sender: { id: WINDOW_ID }, senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
      ['a frame that is gone', { sender: { id: WINDOW_ID }, senderFrame: null }],
    ];
    for (const channel of INVOKE_CHANNELS) {
      it(`${channel} refuses untrusted senders and does nothing`, async () => {
        await openFolder();
        sent.length = 0;
        for (const [what, event] of untrusted) {
          const response = await invoke(channel, event, ...sampleArgs(root)[channel]);
          expect(response, `${channel} from ${what}`).toEqual({ ok: false, error: { code: 'E_UNTRUSTED_SENDER', message: expect.any(String) } });
        }
        expect(await readFile(path.join(folder.dir, 'lending.yaml'), 'utf8')).toBe(LENDING);
        expect(await backups.list(await realpath(folder.dir))).toEqual([]);
        expect(externals).toEqual([]);
        expect(host.dirty).toEqual([]);
        expect(logs.filter((l) => l.startsWith(`refused IPC ${channel}`))).toHaveLength(untrusted.length);
      });
    }
  });

  describe('path checks', () => {
    beforeEach(async () => {
      await openFolder();
      await symlink(outside.dir, path.join(folder.dir, 'escape'));
      await symlink(path.join(outside.dir, 'secret.yaml'), path.join(folder.dir, 'secret-link.yaml'));
    });
    const refused: [string, string][] = [
      ['../outside.yaml', 'E_INVALID_PATH'],
      ['sub/../../outside.yaml', 'E_INVALID_PATH'],
      ['/etc/passwd', 'E_INVALID_PATH'],
      ['C:\\Windows\\system.ini', 'E_INVALID_PATH'],
      ['escape/secret.yaml', 'E_OUTSIDE_ROOT'],
      ['secret-link.yaml', 'E_OUTSIDE_ROOT'],
      ['package.json', 'E_NOT_MODEL_FILE'],
      ['.git/config.yaml', 'E_INVALID_PATH'],
    ];

    it('read-model refuses paths outside the folder, .., symlinks out and non-model files', async () => {
      for (const [p, code] of refused) expect(await errorCode('workspace:read-model', p), p).toBe(code);
    });

    it('write-model refuses them too and writes nothing anywhere', async () => {
      for (const [p, code] of refused) expect(await errorCode('workspace:write-model', p, 'x: 1\n', null), p).toBe(code);
      expect(await readdir(outside.dir)).toEqual(['secret.yaml']);
      expect(await readFile(path.join(outside.dir, 'secret.yaml'), 'utf8')).toBe('secret: 1\n');
    });

    it('backup and dirty calls validate model paths as well', async () => {
      for (const [p] of refused.filter(([, code]) => code !== 'E_OUTSIDE_ROOT')) {
        expect(await errorCode('backup:save', root, p, 'x', null), p).not.toBe('ok');
        expect(await errorCode('backup:discard', root, p), p).not.toBe('ok');
        expect(await errorCode('shell:set-dirty', [p]), p).not.toBe('ok');
      }
    });

    it('refuses arguments of the wrong type', async () => {
      expect(await errorCode('workspace:read-model', { path: 'lending.yaml' })).toBe('E_BAD_ARGUMENTS');
      expect(await errorCode('workspace:write-model', 'lending.yaml', 42)).toBe('E_BAD_ARGUMENTS');
      expect(await errorCode('workspace:write-model', 'lending.yaml', 'x', 'not-a-hash')).toBe('E_BAD_ARGUMENTS');
      // Lost-update protection is on by default, as in the studio's PUT /api/model (issue 19):
      // a write without the hash last read (or null for a new file) is refused, not a blind overwrite.
      expect(await errorCode('workspace:write-model', 'lending.yaml', 'x')).toBe('E_BAD_ARGUMENTS');
      expect(await errorCode('workspace:write-model', 'lending.yaml', 'x', undefined)).toBe('E_BAD_ARGUMENTS');
      expect(await errorCode('shell:set-dirty', 'lending.yaml')).toBe('E_BAD_ARGUMENTS');
      expect(await errorCode('workspace:list-models', 'extra')).toBe('E_BAD_ARGUMENTS');
      expect(await readFile(path.join(folder.dir, 'lending.yaml'), 'utf8')).toBe(LENDING);
    });
  });

  it('answers E_NO_FOLDER before a folder is open', async () => {
    expect(await errorCode('workspace:list-models')).toBe('E_NO_FOLDER');
    expect(await errorCode('workspace:read-model', 'lending.yaml')).toBe('E_NO_FOLDER');
    expect(await errorCode('backup:list', root)).toBe('E_NO_FOLDER');
    expect(await errorCode('backup:save', root, 'lending.yaml', 'x', null)).toBe('E_WRONG_FOLDER');
  });

  it('opens a folder through the native picker, tells the window, and serves its models', async () => {
    expect(await value('shell:open-folder')).toBeNull();
    const info = (await openFolder()) as { root: string; readOnly: boolean };
    const real = await realpath(folder.dir);
    expect(info).toMatchObject({ root: real, readOnly: false });
    expect(opened).toEqual([real]);
    expect(sent.map((s) => s.channel)).toEqual(['workspace:opened']);
    expect(await value('workspace:list-models')).toEqual([{ path: 'lending.yaml', hash: contentHash(LENDING) }]);
    // The whole board at once, as the studio serves it (ADR 0044).
    expect(await value('workspace:open-board')).toMatchObject({ info: { root: real }, files: [{ path: 'lending.yaml', hash: contentHash(LENDING), text: LENDING }], loads: [{ ok: true }] });
  });

  it('reopening the open folder keeps it writable (its own lock does not make it read-only)', async () => {
    const first = (await openFolder()) as { readOnly: boolean };
    const again = (await openFolder()) as { readOnly: boolean };
    expect([first.readOnly, again.readOnly]).toEqual([false, false]);
    expect(await value('workspace:write-model', 'lending.yaml', 'still mine\n', contentHash(LENDING))).toMatchObject({ ok: true });
  });

  it('writes with conflict detection and forwards disk changes to the window', async () => {
    await openFolder();
    const file = (await value('workspace:read-model', 'lending.yaml')) as { hash: string };
    expect(await value('workspace:write-model', 'lending.yaml', 'mine: 1\n', file.hash)).toEqual({ ok: true, hash: contentHash('mine: 1\n') });
    expect(await value('workspace:write-model', 'lending.yaml', 'stale: 1\n', file.hash)).toMatchObject({ ok: false, reason: 'conflict' });
    await folder.write('lending.yaml', 'theirs: 1\n');
    await host.current().flushChanges();
    expect(sent.filter((s) => s.channel === 'workspace:change').map((s) => s.payload)).toEqual([
      { path: 'lending.yaml', kind: 'changed', hash: contentHash('theirs: 1\n') },
    ]);
  });

  it('keeps backups outside the folder, lists them for recovery, and drops one once exactly its text is saved', async () => {
    await openFolder();
    await value('backup:save', root, 'lending.yaml', 'draft 1\n', contentHash(LENDING));
    await value('backup:save', root, 'new.yaml', 'new: 1\n', null);
    expect(await readdir(folder.dir)).not.toContain('backups');
    expect(await value('backup:list', root)).toEqual([
      { path: 'lending.yaml', text: 'draft 1\n', baseHash: contentHash(LENDING), savedAt: expect.any(String) },
      { path: 'new.yaml', text: 'new: 1\n', baseHash: null, savedAt: expect.any(String) },
    ]);
    // Saving an older text keeps the newer backup; saving the backed-up text drops it.
    await value('workspace:write-model', 'lending.yaml', 'older\n', contentHash(LENDING));
    expect(((await value('backup:list', root)) as unknown[]).length).toBe(2);
    await value('workspace:write-model', 'lending.yaml', 'draft 1\n', contentHash('older\n'));
    expect(((await value('backup:list', root)) as { path: string }[]).map((b) => b.path)).toEqual(['new.yaml']);
    await value('backup:discard', root, 'new.yaml');
    expect(await value('backup:list', root)).toEqual([]);
  });

  it('tracks dirty models for the quit prompt', async () => {
    await openFolder();
    await value('shell:set-dirty', ['lending.yaml', 'contexts/b.yaml']);
    expect(host.dirty).toEqual(['contexts/b.yaml', 'lending.yaml']);
    const clean = host.waitUntilClean(5_000);
    await value('shell:set-dirty', []);
    expect(await clean).toBe(true);
  });

  it('opens external links only for https and mailto', async () => {
    expect(await value('shell:open-external', 'https://example.com/')).toBe(true);
    expect(await value('shell:open-external', 'file:///etc/passwd')).toBe(false);
    expect(await value('shell:open-external', 'ms-msdt:/id')).toBe(false);
    expect(externals).toEqual(['https://example.com/']);
  });

  it('compares the open folder with a git revision (the semantic diff) and checks the revision it is given', async () => {
    const shop = scriptedShopChange();
    try {
      folderChoice = shop.dir;
      await value('shell:open-folder');
      const comparison = (await value('workspace:compare-with', 'main')) as { ref: string; summary: Record<string, number>; before: { path: string }[] };
      expect(comparison.ref).toBe('main');
      expect(comparison.summary).toEqual({ added: 2, changed: 2, 'newly-published': 1 });
      expect(comparison.before.map((f) => f.path)).toContain('ordering.yaml');
      expect(await errorCode('workspace:compare-with', 'no-such-branch')).toBe('E_GIT');
      expect(await errorCode('workspace:compare-with', '--output=/tmp/x')).toBe('E_GIT');
      expect(await errorCode('workspace:compare-with', 42)).toBe('E_BAD_ARGUMENTS');
      expect(await errorCode('workspace:compare-with')).toBe('E_BAD_ARGUMENTS');
    } finally {
      await host.close();
      shop.cleanup();
    }
  });
});
