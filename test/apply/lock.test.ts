import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/apply.js';
import { nodeFs, type ApplyFs } from '../../generator/apply/fs-facade.js';
import { fileMap, generated, tempDir } from './support.js';

const plan = () => fileMap(generated('a.ts', 'export const a = 1;\n'));
const writeLock = (out: string, pid: number, host = os.hostname()) => {
  fs.mkdirSync(path.join(out, '.stormsmith'), { recursive: true });
  fs.writeFileSync(path.join(out, '.stormsmith/lock'), JSON.stringify({ pid, host }));
};

describe('one writer per output folder', () => {
  it('refuses to run while a live process holds the lock, and leaves the lock alone', async () => {
    const out = tempDir();
    writeLock(out, process.pid);
    const report = await apply(plan(), out);
    expect(report.problems.map((p) => p.code)).toEqual(['E_LOCKED']);
    expect(report.problems[0]!.message).toContain(`pid ${process.pid}`);
    expect(fs.existsSync(path.join(out, 'a.ts'))).toBe(false);
    expect(fs.existsSync(path.join(out, '.stormsmith/lock'))).toBe(true);
  });

  it('takes over a stale lock whose process is gone', async () => {
    const out = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeLock(out, dead);
    const report = await apply(plan(), out);
    expect(report.ok).toBe(true);
    expect(fs.existsSync(path.join(out, 'a.ts'))).toBe(true);
    expect(fs.existsSync(path.join(out, '.stormsmith/lock'))).toBe(false);
  });

  it('treats a lock from another host as live (it cannot probe that pid)', async () => {
    const out = tempDir();
    writeLock(out, 1, 'some-other-host');
    expect((await apply(plan(), out, { isProcessAlive: () => false })).problems.map((p) => p.code)).toEqual(['E_LOCKED']);
  });

  it('a second process started while a run is writing is refused, and the first run completes', async () => {
    const out = tempDir();
    let childProblems: string[] | undefined;
    // The first run calls out to a second process in the middle of its commit (while it holds
    // the lock): spawnSync blocks it there, so the two runs overlap deterministically.
    const racingFs: ApplyFs = {
      ...nodeFs,
      rename(from, to) {
        if (childProblems === undefined && to.endsWith('a.ts')) {
          const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/apply-once.ts'), out], { encoding: 'utf8' });
          childProblems = JSON.parse(child.stdout || 'null') as string[];
        }
        nodeFs.rename(from, to);
      },
    };
    const first = await apply(plan(), out, { fs: racingFs });
    expect(childProblems).toEqual(['E_LOCKED']);
    expect(first.ok).toBe(true);
    expect(fs.existsSync(path.join(out, 'b.ts'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'a.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('check mode takes no lock and writes nothing', async () => {
    const out = tempDir();
    await apply(plan(), out);
    writeLock(out, process.pid);
    expect((await apply(plan(), out, { mode: 'check' })).ok).toBe(true);
  });
});
