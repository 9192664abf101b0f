import { spawnSync } from 'node:child_process';
import { chmod, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../app/shared/workspace-api.js';
import { contentHash } from '../../app/workspace/content-hash.js';
import { WorkspaceError } from '../../app/workspace/errors.js';
import { NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { LOCK_FILE } from '../../app/workspace/writer-lock.js';
import { eventually, makeTempFolder, type TempFolder } from './temp-folder.js';

const LENDING = 'stormsmith: 1\ncontext: Lending\n';

describe('NodeWorkspace', () => {
  let folder: TempFolder;
  const open: NodeWorkspace[] = [];
  const openWorkspace = async (options: Parameters<typeof NodeWorkspace.open>[1] = { watch: { pollMs: 0 } }) => {
    const ws = await NodeWorkspace.open(folder.dir, options);
    open.push(ws);
    return ws;
  };
  beforeEach(async () => {
    folder = await makeTempFolder();
    await folder.write('lending.yaml', LENDING);
  });
  afterEach(async () => {
    for (const ws of open.splice(0)) await ws.close();
    await folder.remove();
  });

  it('lists only real .yaml files, sorted, with content hashes', async () => {
    await folder.write('contexts/b.yaml', 'b: 1\n');
    await folder.write('README.md', '# not a model\n');
    await folder.write('notes.yml', 'x: 1\n');
    await folder.write('.hidden/h.yaml', 'h: 1\n');
    await folder.write('node_modules/pkg/p.yaml', 'p: 1\n');
    await symlink(path.join(folder.dir, 'lending.yaml'), path.join(folder.dir, 'link.yaml'));
    const ws = await openWorkspace();
    expect(await ws.listModels()).toEqual([
      { path: 'contexts/b.yaml', hash: contentHash('b: 1\n') },
      { path: 'lending.yaml', hash: contentHash(LENDING) },
    ]);
  });

  it('reads a model with its hash and refuses unsafe paths', async () => {
    const ws = await openWorkspace();
    expect(await ws.readModel('lending.yaml')).toEqual({ path: 'lending.yaml', hash: contentHash(LENDING), text: LENDING });
    await expect(ws.readModel('../x.yaml')).rejects.toMatchObject({ code: 'E_INVALID_PATH' });
    await expect(ws.readModel('missing.yaml')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(ws.readModel('package.json')).rejects.toMatchObject({ code: 'E_NOT_MODEL_FILE' });
  });

  it('writes when the expected hash matches the disk, and reports a conflict (writing nothing) when it does not', async () => {
    const ws = await openWorkspace();
    const { hash } = await ws.readModel('lending.yaml');
    const edited = `${LENDING}aggregates: {}\n`;
    expect(await ws.writeModel('lending.yaml', edited, hash)).toEqual({ ok: true, hash: contentHash(edited) });
    expect(await readFile(path.join(folder.dir, 'lending.yaml'), 'utf8')).toBe(edited);

    // Someone else changes the file: same size and same second, only the content hash differs.
    const theirs = edited.replace('aggregates', 'aggregatez');
    await writeFile(path.join(folder.dir, 'lending.yaml'), theirs);
    const stale = await ws.writeModel('lending.yaml', `${edited}# mine\n`, contentHash(edited));
    expect(stale).toEqual({ ok: false, reason: 'conflict', diskHash: contentHash(theirs), diskText: theirs });
    expect(await readFile(path.join(folder.dir, 'lending.yaml'), 'utf8')).toBe(theirs);
  });

  it('creates a new file only when expectedHash is null and it does not exist', async () => {
    const ws = await openWorkspace();
    expect(await ws.writeModel('contexts/new.yaml', 'n: 1\n', null)).toEqual({ ok: true, hash: contentHash('n: 1\n') });
    expect(await ws.writeModel('contexts/new.yaml', 'n: 2\n', null)).toMatchObject({ ok: false, reason: 'conflict', diskText: 'n: 1\n' });
    expect(await ws.writeModel('deleted.yaml', 'd\n', contentHash('whatever'))).toMatchObject({ ok: false, reason: 'conflict', diskHash: null });
  });

  it('writes atomically: no temp file is left and the file mode is kept', async () => {
    await chmod(path.join(folder.dir, 'lending.yaml'), 0o640);
    const ws = await openWorkspace();
    await ws.writeModel('lending.yaml', 'changed: true\n');
    const names = (await readdir(folder.dir)).filter((n) => n !== LOCK_FILE);
    expect(names).toEqual(['lending.yaml']);
    expect((await stat(path.join(folder.dir, 'lending.yaml'))).mode & 0o777).toBe(0o640);
  });

  it('refuses writes through symlinks, outside the folder and to non-model files, writing nothing', async () => {
    const outside = await makeTempFolder('stormsmith-outside-');
    try {
      await symlink(outside.dir, path.join(folder.dir, 'escape'));
      const ws = await openWorkspace();
      await expect(ws.writeModel('escape/pwn.yaml', 'x')).rejects.toMatchObject({ code: 'E_OUTSIDE_ROOT' });
      await expect(ws.writeModel('../pwn.yaml', 'x')).rejects.toMatchObject({ code: 'E_INVALID_PATH' });
      await expect(ws.writeModel('/tmp/pwn.yaml', 'x')).rejects.toMatchObject({ code: 'E_INVALID_PATH' });
      await expect(ws.writeModel('.github/workflows/x.yaml', 'x')).rejects.toMatchObject({ code: 'E_INVALID_PATH' });
      await expect(ws.writeModel('pwn.sh', 'x')).rejects.toBeInstanceOf(WorkspaceError);
      expect(await readdir(outside.dir)).toEqual([]);
    } finally {
      await outside.remove();
    }
  });

  it('answers an IO failure as an error result (the document stays dirty), not a crash', async () => {
    await folder.write('plain.yaml', 'a file, not a folder\n');
    const ws = await openWorkspace();
    const result = await ws.writeModel('plain.yaml/inner.yaml', 'x: 1\n');
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect(result.ok === false && result.reason === 'error' && result.message).toMatch(/^plain\.yaml\/inner\.yaml: E/);
  });

  it('reports external changes by content hash and suppresses its own writes', async () => {
    const ws = await openWorkspace();
    const seen: WorkspaceChange[] = [];
    ws.watch((c) => seen.push(c));
    await ws.writeModel('lending.yaml', 'mine: 1\n');
    await ws.writeModel('added-by-me.yaml', 'me: 1\n', null);
    await ws.flushChanges();
    expect(seen).toEqual([]);

    await folder.write('lending.yaml', 'theirs: 1\n');
    await folder.write('sub/added.yaml', 'added: 1\n');
    await ws.flushChanges();
    expect(seen).toEqual([
      { path: 'sub/added.yaml', kind: 'added', hash: contentHash('added: 1\n') },
      { path: 'lending.yaml', kind: 'changed', hash: contentHash('theirs: 1\n') },
    ].sort((a, b) => a.path.localeCompare(b.path)));

    // Back to exactly what we wrote earlier: a real change now, since someone else made it.
    seen.length = 0;
    await folder.write('lending.yaml', 'mine: 1\n');
    await ws.flushChanges();
    expect(seen).toEqual([{ path: 'lending.yaml', kind: 'changed', hash: contentHash('mine: 1\n') }]);
  });

  it('a flush always sees writes made before it, even while another scan is running', async () => {
    const ws = await openWorkspace();
    const seen: WorkspaceChange[] = [];
    ws.watch((c) => seen.push(c));
    for (let i = 0; i < 20; i++) {
      const running = ws.flushChanges();
      await folder.write('lending.yaml', `round: ${i}\n`);
      await ws.flushChanges();
      expect(seen.at(-1), `round ${i}`).toEqual({ path: 'lending.yaml', kind: 'changed', hash: contentHash(`round: ${i}\n`) });
      await running;
    }
  });

  it('reports deletions, and stops delivering after unsubscribe', async () => {
    const ws = await openWorkspace();
    const seen: WorkspaceChange[] = [];
    const stop = ws.watch((c) => seen.push(c));
    await (await import('node:fs/promises')).unlink(path.join(folder.dir, 'lending.yaml'));
    await ws.flushChanges();
    expect(seen).toEqual([{ path: 'lending.yaml', kind: 'deleted', hash: null }]);
    stop();
    await folder.write('lending.yaml', LENDING);
    await ws.flushChanges();
    expect(seen).toHaveLength(1);
  });

  it('notices changes through the directory watchers alone (no poll, no flush)', async () => {
    const ws = await openWorkspace({ watch: { pollMs: 0, debounceMs: 20 } });
    const seen: WorkspaceChange[] = [];
    ws.watch((c) => seen.push(c));
    await folder.write('later/deep.yaml', 'deep: 1\n');
    await eventually(() => seen.some((c) => c.path === 'later/deep.yaml'), 'the new file in a new folder');
    // The new folder got its own watcher: a change inside it is seen too.
    await folder.write('later/deep.yaml', 'deep: 2\n');
    await eventually(() => seen.some((c) => c.kind === 'changed' && c.hash === contentHash('deep: 2\n')), 'the change in the new folder');
  });

  describe('one writer per folder', () => {
    it('a second workspace on the same folder is read-only until the first closes', async () => {
      const first = await openWorkspace();
      const second = await openWorkspace();
      expect((await first.info()).readOnly).toBe(false);
      expect((await second.info()).readOnly).toBe(true);
      expect(await second.writeModel('lending.yaml', 'x: 1\n')).toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('read-only') });
      expect(await readFile(path.join(folder.dir, 'lending.yaml'), 'utf8')).toBe(LENDING);
      await first.close();
      const third = await openWorkspace();
      expect((await third.info()).readOnly).toBe(false);
    });

    it('takes over a lock whose process is gone', async () => {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      const deadPid = Number(dead.stdout);
      await folder.write(LOCK_FILE, JSON.stringify({ pid: deadPid, host: hostname(), token: 'old', since: '2020-01-01T00:00:00Z' }));
      const ws = await openWorkspace();
      expect((await ws.info()).readOnly).toBe(false);
      expect(JSON.parse(await readFile(path.join(folder.dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    });

    it('sweeps temp files a crashed writer left, and only those', async () => {
      await folder.write('.lending.yaml.0123456789ab.tmp', 'half');
      await folder.write('sub/.x.yaml.aaaaaaaaaaaa.tmp', 'half');
      await folder.write('.keep-me.tmp', 'not ours');
      await openWorkspace();
      expect((await readdir(folder.dir)).sort()).toEqual(['.keep-me.tmp', LOCK_FILE, 'lending.yaml', 'sub'].sort());
      expect(await readdir(path.join(folder.dir, 'sub'))).toEqual([]);
    });
  });
});
