// Issue 20: `stormsmith check` takes the model's diagnostics from the run index when it answers
// (the index is keyed on the model bytes, and loading and validation are pure functions of them
// and of the generator, ADR 0105), instead of running every rule again; it still loads the model
// for its other steps. What it prints is what a check without the cache prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planCacheKey, sign, verified } from '../../generator/plan-cache/cache-key.js';
import { CACHE_DIR, RUN_INDEX_FILE } from '../../generator/plan-cache/disk-cache.js';
import { REPO_ROOT } from '../generated-project/support.js';
import { runCli, tempTree } from '../cli/support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('check and the run index', () => {
  it('prints the diagnostics a full check prints, taken from the index', async () => {
    const { dir: root, cleanup } = tempTree({});
    cleanups.push(cleanup);
    const modelDir = path.join(root, 'model');
    fs.cpSync(path.join(REPO_ROOT, 'models', 'shop'), modelDir, { recursive: true });
    // A warning to carry: an actor nobody uses.
    const file = path.join(modelDir, 'ordering.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^actors:\n/m, 'actors:\n  Bystander:\n    description: Uses nothing.\n'));
    const out = path.join(root, 'out');
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);

    const fromIndex = await runCli(['check', modelDir, '--out', out], root);
    expect(fromIndex.code, fromIndex.stdout + fromIndex.stderr).toBe(0);
    expect(fromIndex.stdout).toContain('W_ACTOR_UNUSED');

    // The index is what answers: its (signed) diagnostics are printed as they are...
    const indexFile = path.join(out, CACHE_DIR, RUN_INDEX_FILE);
    const saved = fs.readFileSync(indexFile, 'utf8');
    const body = verified(planCacheKey(), saved)!;
    fs.writeFileSync(indexFile, sign(planCacheKey(), body.replace('Bystander', 'Recorded in the index')));
    expect((await runCli(['check', modelDir, '--out', out], root)).stdout).toContain('Recorded in the index');
    // ...and one that is not signed with the user's key is ignored: the rules run.
    fs.writeFileSync(indexFile, body.replace('Bystander', 'Recorded in the index'));
    const forged = await runCli(['check', modelDir, '--out', out], root);
    expect(forged.stdout).not.toContain('Recorded in the index');

    fs.rmSync(path.join(out, CACHE_DIR), { recursive: true });
    const full = await runCli(['check', modelDir, '--out', out], root);
    expect(full).toEqual(fromIndex);
    expect(forged).toEqual(fromIndex);
  }, 120_000);
});
