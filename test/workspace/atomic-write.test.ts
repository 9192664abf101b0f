import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renameWithRetry, sweepStaleTemps, TEMP_FILE, writeFileAtomic } from '../../app/workspace/atomic-write.js';
import { makeTempFolder, type TempFolder } from './temp-folder.js';

const busy = (code: string) => Object.assign(new Error(code), { code });

describe('atomic write', () => {
  let folder: TempFolder;
  beforeEach(async () => void (folder = await makeTempFolder()));
  afterEach(() => folder.remove());

  it('replaces the file whole and leaves no temp behind', async () => {
    const target = await folder.write('lending.yaml', 'old\n');
    await writeFileAtomic(target, 'new\n');
    expect(await readFile(target, 'utf8')).toBe('new\n');
    expect(await readdir(folder.dir)).toEqual(['lending.yaml']);
  });

  it('leaves the old file and no temp when the write fails', async () => {
    const target = await folder.write('lending.yaml', 'old\n');
    // A folder where the target should be makes the rename fail after the temp was written.
    const blocked = path.join(folder.dir, 'dir.yaml');
    await folder.write('dir.yaml/inner.yaml', 'x');
    await expect(writeFileAtomic(blocked, 'new\n')).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('old\n');
    expect((await readdir(folder.dir)).filter((n) => TEMP_FILE.test(n))).toEqual([]);
  });

  it('sweeps only its own leftover temp names', async () => {
    await folder.write('.lending.yaml.abcdef012345.tmp', 'x');
    await folder.write('.lending.yaml.tmp', 'not ours');
    await folder.write('notes.tmp', 'not ours');
    expect(await sweepStaleTemps(folder.dir)).toEqual(['.lending.yaml.abcdef012345.tmp']);
    expect((await readdir(folder.dir)).sort()).toEqual(['.lending.yaml.tmp', 'notes.tmp']);
  });
});

describe('rename retry (Windows file locks)', () => {
  const noSleep = async () => undefined;

  it('retries EPERM/EBUSY on Windows until the lock goes away', async () => {
    let attempts = 0;
    const rename = async () => {
      attempts++;
      if (attempts < 4) throw busy(attempts % 2 ? 'EPERM' : 'EBUSY');
    };
    await renameWithRetry('a', 'b', { rename, platform: 'win32', sleep: noSleep });
    expect(attempts).toBe(4);
  });

  it('gives up after its budget with the original error', async () => {
    let attempts = 0;
    const rename = async () => {
      attempts++;
      throw busy('EPERM');
    };
    await expect(renameWithRetry('a', 'b', { rename, platform: 'win32', sleep: noSleep, budgetMs: 100 })).rejects.toMatchObject({ code: 'EPERM' });
    expect(attempts).toBeGreaterThan(2);
    expect(attempts).toBeLessThan(20);
  });

  it('does not retry elsewhere, nor other errors', async () => {
    let attempts = 0;
    const rename = async () => {
      attempts++;
      throw busy('EPERM');
    };
    await expect(renameWithRetry('a', 'b', { rename, platform: 'linux', sleep: noSleep })).rejects.toMatchObject({ code: 'EPERM' });
    await expect(renameWithRetry('a', 'b', { rename: async () => Promise.reject(busy('ENOSPC')), platform: 'win32', sleep: noSleep })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(attempts).toBe(1);
  });
});
