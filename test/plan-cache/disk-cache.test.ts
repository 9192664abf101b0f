// The plan cache on disk: reused across runs, ignored when corrupt, foreign or of another
// generator, never reported by apply, and never written by --check or --dry-run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_DIR, DiskPlanCache, KNOWN_HASHES_FILE } from '../../generator/plan-cache/disk-cache.js';
import { plan } from '../../generator/plan.js';
import { loadValidateAndPlan } from '../../generator/model-pipeline.js';
import { REPO_ROOT } from '../generated-project/support.js';
import { runCli, tempTree } from '../cli/support.js';
import { loadExample, planBytes, templates } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tempDir(): string {
  const { dir, cleanup } = tempTree({});
  cleanups.push(cleanup);
  return dir;
}

// The known-hashes record (ADR 0104) is left out: which files it holds depends on the clock (a
// file written less than 2 s before is not recorded), so its size differs between runs.
const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f !== KNOWN_HASHES_FILE).sort().map((f) => `${f} ${fs.readFileSync(path.join(dir, f), 'utf8').length}`) : []);

describe('DiskPlanCache', () => {
  const model = loadExample('shop');

  it('reuses every unit in a later run, and plans a unit again when its entry is corrupt or foreign', async () => {
    const out = tempDir();
    const full = planBytes(await plan(model, { templates }));
    const first = new DiskPlanCache(out, 'generator-a');
    expect(planBytes(await plan(model, { templates, cache: first }))).toEqual(full);
    first.save();
    const entries = fs.readdirSync(path.join(out, CACHE_DIR)).filter((f) => f !== '.gitignore').sort();
    expect(entries).toHaveLength(first.misses.length);
    expect(fs.readFileSync(path.join(out, CACHE_DIR, '.gitignore'), 'utf8')).toContain('*');

    const second = new DiskPlanCache(out, 'generator-a');
    expect(planBytes(await plan(model, { templates, cache: second }))).toEqual(full);
    expect(second.misses).toEqual([]);

    // Garbage, valid JSON of the wrong shape, and an entry whose files were tampered with.
    const at = (i: number) => path.join(out, CACHE_DIR, entries[i]!);
    fs.writeFileSync(at(0), '{ not json');
    fs.writeFileSync(at(1), JSON.stringify({ format: 2, files: 'nope' }));
    const [mac, body] = fs.readFileSync(at(2), 'utf8').split('\n', 2);
    const tampered = JSON.parse(body!);
    tampered.files = [{ path: 'x.ts', contents: 1 }];
    fs.writeFileSync(at(2), `${mac}\n${JSON.stringify(tampered)}`);
    const third = new DiskPlanCache(out, 'generator-a');
    expect(planBytes(await plan(model, { templates, cache: third }))).toEqual(full);
    expect(third.misses).toHaveLength(3);

    // Another generator (version or emitter code) plans everything again.
    const other = new DiskPlanCache(out, 'generator-b');
    expect(planBytes(await plan(model, { templates, cache: other }))).toEqual(full);
    expect(other.misses).toHaveLength(entries.length);
  });

  it('removes the entries of units that no longer exist', async () => {
    const out = tempDir();
    const first = new DiskPlanCache(out, 'g');
    await plan(model, { templates, cache: first });
    first.save();
    const before = fs.readdirSync(path.join(out, CACHE_DIR)).length;
    const smaller = { ...model, contexts: model.contexts.filter((c) => c.name !== 'Shipping') };
    const second = new DiskPlanCache(out, 'g');
    await plan(smaller, { templates, cache: second });
    second.save();
    expect(fs.readdirSync(path.join(out, CACHE_DIR))).toHaveLength(before - 1);
  });
});

describe('the plan cache through the CLI', () => {
  it('generate fills it; --check and --dry-run neither write it nor report it; a corrupt cache changes nothing', async () => {
    const root = tempDir();
    const modelDir = path.join(REPO_ROOT, 'models', 'shop');
    const out = path.join(root, 'out');
    const cacheDir = path.join(out, CACHE_DIR);
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
    // The first run into an empty folder saves nothing (the folder had no manifest yet).
    expect(listing(cacheDir)).toEqual([]);
    const second = await runCli(['generate', modelDir, '--out', out], root);
    expect(second.code).toBe(0);
    const cached = listing(cacheDir);
    expect(cached.length).toBeGreaterThan(0);

    const check = await runCli(['generate', modelDir, '--out', out, '--check', '--format', 'json'], root);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain('.stormsmith');
    expect((await runCli(['generate', modelDir, '--out', out, '--dry-run'], root)).stdout).not.toContain('.stormsmith');
    expect(listing(cacheDir)).toEqual(cached);

    for (const file of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, file), 'corrupt');
    const afterCorruption = await runCli(['generate', modelDir, '--out', out, '--check'], root);
    expect(afterCorruption.code).toBe(0);
    expect((await runCli(['check', modelDir, '--out', out], root)).stdout).not.toContain('.stormsmith');
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
    expect(listing(cacheDir)).toEqual(cached);
  }, 120_000);
});

describe('the run index: an unchanged model is neither loaded nor planned', () => {
  it('a run with the bytes of an earlier run takes its plan and diagnostics; any byte changed loads again', async () => {
    const root = tempDir();
    const modelDir = path.join(root, 'model');
    fs.cpSync(path.join(REPO_ROOT, 'models', 'shop'), modelDir, { recursive: true });
    const out = path.join(root, 'out');
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);

    const options = { into: false, outDir: out, cache: 'read' as const };
    const full = await loadValidateAndPlan(modelDir, root, { ...options, cache: 'off' });
    expect(full.stage.model).toBeDefined();
    const quick = await loadValidateAndPlan(modelDir, root, options);
    expect(quick.stage.model).toBeUndefined();
    expect(planBytes(quick.plan!)).toEqual(planBytes(full.plan!));
    expect(quick.stage.diagnostics).toEqual(full.stage.diagnostics);

    // One byte of one model file: loaded and planned again (from the unit entries), still equal.
    const file = path.join(modelDir, 'payments.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('stormsmith: 1', 'stormsmith: 1 '));
    const edited = await loadValidateAndPlan(modelDir, root, options);
    expect(edited.stage.model).toBeDefined();
    expect(planBytes(edited.plan!)).toEqual(planBytes((await loadValidateAndPlan(modelDir, root, { ...options, cache: 'off' })).plan!));

    // Another output option is another run: --into plans no package.json.
    const into = await loadValidateAndPlan(modelDir, root, { ...options, into: true });
    expect(into.stage.model).toBeDefined();
    expect(into.plan!.has('package.json')).toBe(false);
  }, 120_000);
});
