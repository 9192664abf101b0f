// Issue 20: the plan cache keeps each loaded model file (keyed on its bytes, signed like the
// entries), so that a run that changed one file parses only that file. What comes out of the
// cache is what parsing gives: the same model, diagnostics and plan; a forged or corrupt file
// is parsed again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadValidateAndPlan } from '../../generator/model-pipeline.js';
import { sign } from '../../generator/plan-cache/cache-key.js';
import { CACHE_DIR } from '../../generator/plan-cache/disk-cache.js';
import { REPO_ROOT } from '../generated-project/support.js';
import { runCli, tempTree } from '../cli/support.js';
import { planBytes } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const loadFiles = (out: string) => fs.readdirSync(path.join(out, CACHE_DIR)).filter((f) => f.endsWith('.load'));

describe('loaded model files in the plan cache', () => {
  it('a changed model: cached files load as parsed ones do; forged ones are parsed again', async () => {
    const { dir: root, cleanup } = tempTree({});
    cleanups.push(cleanup);
    const modelDir = path.join(root, 'model');
    fs.cpSync(path.join(REPO_ROOT, 'models', 'shop'), modelDir, { recursive: true });
    const out = path.join(root, 'out');
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
    expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
    const domainFiles = fs.readdirSync(modelDir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.layout.yaml'));
    expect(loadFiles(out)).toHaveLength(domainFiles.length);

    // One byte of one file: the run index misses, the other files come from the cache.
    const file = path.join(modelDir, 'payments.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('stormsmith: 1', 'stormsmith: 1 '));
    const options = { into: false, outDir: out, cache: 'read' as const };
    const cached = await loadValidateAndPlan(modelDir, root, options);
    const full = await loadValidateAndPlan(modelDir, root, { ...options, cache: 'off' });
    expect(cached.stage.model).toEqual(full.stage.model);
    expect(cached.stage.diagnostics).toEqual(full.stage.diagnostics);
    expect(planBytes(cached.plan!)).toEqual(planBytes(full.plan!));

    // Forged: a loaded file signed with another key, and one that is not signed at all.
    const [a, b] = loadFiles(out);
    fs.writeFileSync(path.join(out, CACHE_DIR, a!), sign(Buffer.alloc(32, 7), 'x'));
    fs.writeFileSync(path.join(out, CACHE_DIR, b!), 'not signed');
    const afterForgery = await loadValidateAndPlan(modelDir, root, options);
    expect(afterForgery.stage.model).toEqual(full.stage.model);
    expect(planBytes(afterForgery.plan!)).toEqual(planBytes(full.plan!));
    const run = await runCli(['generate', modelDir, '--out', out], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await runCli(['check', modelDir, '--out', out], root)).code).toBe(0);
  }, 120_000);
});
