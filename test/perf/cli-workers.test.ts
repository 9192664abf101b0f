// The worker-thread loader from the command line: `stormsmith validate` prints the same output
// and exits the same with loader workers forced on (STORMSMITH_LOAD_WORKERS) as with them off,
// and workers really start in a process that runs TypeScript through tsx, as the CLI does.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticModel } from '../../bench/synthetic-model.js';
import { readModel } from '../../generator/io/read-model.js';
import { loadModel } from '../../generator/model/load.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/stormsmith.mjs');

async function validate(dir: string, workers: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'validate', dir, '--format', 'json'], { cwd: ROOT, env: { ...process.env, STORMSMITH_LOAD_WORKERS: workers } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('loader workers from the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-workers-'));
    for (const f of syntheticModel(40)) writeFileSync(path.join(dir, f.path), f.text);
    // One dangling reference, so the output is not empty and the exit code is 1.
    writeFileSync(path.join(dir, 'broken.yaml'), 'stormsmith: 1\ncontext: Broken\naggregates:\n  A: { identity: aId }\ncommands:\n  DoIt: { aggregate: A, emits: [Doen] }\nevents:\n  Done: { aggregate: A, fields: { aId: uuid } }\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate prints the same with workers forced on as with them off', async () => {
    const [off, on] = await Promise.all([validate(dir, '0'), validate(dir, '2')]);
    expect(off.code).toBe(1);
    expect(JSON.parse(off.stdout).some((d: { code: string }) => d.code === 'E_UNRESOLVED_REF')).toBe(true);
    expect(on).toEqual(off);
  });

  it('workers start in a tsx process and load every file', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/perf/support/load-on-workers-only.ts'), dir], { cwd: ROOT });
    const { loadedByWorkers, loaded } = JSON.parse(stdout) as { loadedByWorkers: number; loaded: unknown };
    expect(loadedByWorkers).toBe(5);
    const { files } = await readModel(dir);
    expect(loaded).toEqual(JSON.parse(JSON.stringify(loadModel(files))));
  });
});
