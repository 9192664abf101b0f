// The sharing of generated services between test files (shared-service.ts, ADR 0107) is only safe
// if its promises hold: one folder per content, whole or absent; a write into it fails the file
// that made it, naming the file written; a private copy never writes back; a tool run is done once
// and a caller that finds another worker running it waits for that outcome instead of running it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectUntouched, privateCopy, removeCopy, runOnce, sharedService, treeDigest } from './shared-service.js';
import { REPO_ROOT } from './support.js';

const copies: string[] = [];
afterAll(() => copies.forEach(removeCopy));

/** A tiny "service" of two files, under a fresh key no real service uses. */
const build = (marker: string) => (dir: string) => {
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'a.ts'), `export const a = '${marker}';\n`);
  writeFileSync(join(dir, 'package.json'), '{}\n');
};
const freshKey = () => randomBytes(8).toString('hex');

describe('shared generated services', () => {
  it('one folder per content: built once, the same for every caller, another for other content', async () => {
    const key = freshKey();
    let builds = 0;
    const counted = (dir: string) => {
      builds++;
      build('one')(dir);
    };
    // Two callers at once: both may build, only one folder is put in place, both get it whole.
    const [first, second] = await Promise.all([sharedService('probe', key, counted), sharedService('probe', key, counted)]);
    expect(second.dir).toBe(first.dir);
    expect(readFileSync(join(first.dir, 'src/a.ts'), 'utf8')).toBe("export const a = 'one';\n");
    const third = await sharedService('probe', key, counted);
    expect(third.dir).toBe(first.dir);
    expect(builds).toBeGreaterThanOrEqual(1);
    expect(builds).toBeLessThanOrEqual(2);
    const other = await sharedService('probe', freshKey(), build('two'));
    expect(other.dir).not.toBe(first.dir);
    expect(first.digest).toEqual(treeDigest(first.dir));
  });

  it('a write into a shared service fails, naming what changed; so does the next file to use it', async () => {
    const key = freshKey();
    const service = await sharedService('probe', key, build('one'));
    expect(() => expectUntouched(service, 'after this file')).not.toThrow();
    writeFileSync(join(service.dir, 'src/a.ts'), "export const a = 'edited';\n");
    writeFileSync(join(service.dir, '.vitest-report.json'), '{}');
    expect(() => expectUntouched(service, 'after this file')).toThrow(/wrote into the shared service[\s\S]*\.vitest-report\.json: added\nsrc\/a\.ts: changed/);
    await expect(sharedService('probe', key, build('one'))).rejects.toThrow(/before this file used it[\s\S]*src\/a\.ts: changed/);
  });

  it('a private copy is a real copy: its writes never reach the shared service; links stay links', async () => {
    const service = await sharedService('probe', freshKey(), (dir) => {
      build('one')(dir);
      // As materialise links our node_modules (absolute target).
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    });
    const copy = privateCopy(service, 'probe');
    copies.push(copy);
    writeFileSync(join(copy, 'src/a.ts'), "export const a = 'mine';\n");
    expect(readFileSync(join(service.dir, 'src/a.ts'), 'utf8')).toBe("export const a = 'one';\n");
    expect(lstatSync(join(copy, 'node_modules')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(copy, 'node_modules'))).toBe(join(REPO_ROOT, 'node_modules'));
    expectUntouched(service, 'after the copy was written');
  });

  it('a tool run is done once; a caller that finds it running waits for its outcome', async () => {
    const service = await sharedService('probe', freshKey(), build('one'));
    let runs = 0;
    const compute = () => ({ run: ++runs });
    expect(runOnce(service, 'tsc-probe', compute)).toEqual({ run: 1 });
    expect(runOnce(service, 'tsc-probe', compute)).toEqual({ run: 1 });
    expect(runs).toBe(1);

    // Another worker (a process) holds the lock and writes its outcome a little later.
    const id = 'vitest-probe';
    const lock = join(service.runs, `${id}.lock`);
    const result = join(service.runs, `${id}.json`);
    const other = spawn(process.execPath, [
      '-e',
      `const fs = require('node:fs');
       fs.mkdirSync(${JSON.stringify(lock)});
       process.stdout.write('locked\\n');
       setTimeout(() => {
         fs.writeFileSync(${JSON.stringify(result)} + '.tmp', JSON.stringify({ by: 'the other worker' }));
         fs.renameSync(${JSON.stringify(result)} + '.tmp', ${JSON.stringify(result)});
         fs.rmdirSync(${JSON.stringify(lock)});
       }, 600);`,
    ]);
    await new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));
    expect(existsSync(lock)).toBe(true);
    const seen = runOnce(service, id, () => {
      throw new Error('ran although another worker was running it');
    });
    expect(seen).toEqual({ by: 'the other worker' });
    await new Promise((resolve) => other.once('exit', resolve));
  });
});
