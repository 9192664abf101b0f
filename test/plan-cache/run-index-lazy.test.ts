// Issue 20: a run the run index answers compares hashes and reads no planned text. The index
// lists every file with its sha256 (signed, as the entries are); the unit entries that hold the
// contents are read only for a file that is written or diffed. Before, every entry (124 MB for
// a 500-aggregate model) was read, verified and parsed on every no-op run, and a missing entry
// sent the run back to loading and planning the whole model.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/apply.js';
import { loadValidateAndPlan } from '../../generator/model-pipeline.js';
import { CACHE_DIR, RUN_INDEX_FILE } from '../../generator/plan-cache/disk-cache.js';
import { RunIndexStale } from '../../generator/plan-cache/run-index.js';
import { REPO_ROOT } from '../generated-project/support.js';
import { runCli, tempTree } from '../cli/support.js';
import { planBytes } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A copy of the library model generated twice (the second run fills the cache). */
async function generatedTwice(): Promise<{ root: string; modelDir: string; out: string }> {
  const { dir: root, cleanup } = tempTree({});
  cleanups.push(cleanup);
  const modelDir = path.join(root, 'model');
  fs.cpSync(path.join(REPO_ROOT, 'models', 'library'), modelDir, { recursive: true });
  const out = path.join(root, 'out');
  expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
  expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
  return { root, modelDir, out };
}

/** Deletes every unit entry of the cache, keeping the run index. */
function dropEntries(out: string): number {
  const dir = path.join(out, CACHE_DIR);
  const entries = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== RUN_INDEX_FILE);
  for (const f of entries) fs.rmSync(path.join(dir, f));
  return entries.length;
}

describe('the run index answers a no-op with hashes only', () => {
  it('plans from the index without any unit entry, and reads contents only when asked', async () => {
    const { root, modelDir, out } = await generatedTwice();
    const options = { into: false, outDir: out, cache: 'read' as const };
    const full = await loadValidateAndPlan(modelDir, root, { ...options, cache: 'off' });
    expect(dropEntries(out)).toBeGreaterThan(0);

    const quick = await loadValidateAndPlan(modelDir, root, options);
    expect(quick.stage.model).toBeUndefined(); // neither loaded nor planned
    expect([...quick.plan!.keys()]).toEqual([...full.plan!.keys()]);
    const any = [...quick.plan!.values()][0]!;
    expect(any.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => any.contents).toThrow(RunIndexStale);
    // apply() on an up-to-date folder compares hashes only: no file's contents are asked for
    // (they would throw: the entries are gone), museum exhibits that follow the model included.
    expect([...quick.plan!.values()].some((f) => f.followWhilePristine)).toBe(true);
    for (const mode of ['check', 'write'] as const) expect((await apply(quick.plan!, out, { mode })).ok).toBe(true);

    // An up-to-date output: check and a no-op generate pass without the entries.
    const check = await runCli(['generate', modelDir, '--out', out, '--check'], root);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const noop = await runCli(['generate', modelDir, '--out', out], root);
    expect(noop.code, noop.stdout + noop.stderr).toBe(0);
    expect(noop.stdout).toContain('unchanged');
    expect(noop.stdout).not.toMatch(/\b(added|changed)\b/);
  }, 120_000);

  it('with the index intact, the lazily read contents are the bytes of a full plan', async () => {
    const { root, modelDir, out } = await generatedTwice();
    const options = { into: false, outDir: out, cache: 'read' as const };
    const quick = await loadValidateAndPlan(modelDir, root, options);
    expect(quick.stage.model).toBeUndefined();
    const full = await loadValidateAndPlan(modelDir, root, { ...options, cache: 'off' });
    expect(planBytes(quick.plan!)).toEqual(planBytes(full.plan!));
  }, 120_000);

  it('check takes the plan from the index too, and plans again when a diff needs contents that are gone', async () => {
    const { root, modelDir, out } = await generatedTwice();
    dropEntries(out);
    const clean = await runCli(['check', modelDir, '--out', out], root);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const victim = path.join(out, 'src', 'composition-root.ts');
    fs.appendFileSync(victim, 'export const handEdit = 1;\n');
    const edited = await runCli(['check', modelDir, '--out', out], root);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('E_HAND_EDITED');
    expect(edited.stdout).toContain('handEdit');
  }, 120_000);

  it('a file to write whose entry is gone: generate plans again in full and writes the right bytes', async () => {
    const { root, modelDir, out } = await generatedTwice();
    const victim = path.join(out, 'src', 'composition-root.ts');
    const expected = fs.readFileSync(victim, 'utf8');
    fs.rmSync(victim);
    dropEntries(out);
    const check = await runCli(['generate', modelDir, '--out', out, '--check'], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('src/composition-root.ts');
    const run = await runCli(['generate', modelDir, '--out', out], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(fs.readFileSync(victim, 'utf8')).toBe(expected);
    expect((await runCli(['generate', modelDir, '--out', out, '--check'], root)).code).toBe(0);
  }, 120_000);
});
