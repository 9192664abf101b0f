// Issue 20: `stormsmith validate` keeps each loaded model file in the user's cache folder
// (plan-cache/user-load-cache.ts, ADR 0103), keyed on the file's bytes and signed with the user's
// key. What comes out is what parsing gives; a changed file is parsed again; a file that is not
// signed with the user's key, a link or an oversized file is never believed.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModelRead } from '../../generator/io/load-model-from-disk.js';
import { readModel } from '../../generator/io/read-model.js';
import { encodeLoaded, jsonExact } from '../../generator/plan-cache/loaded-files.js';
import { MAX_MODELS, UserLoadCache } from '../../generator/plan-cache/user-load-cache.js';
import { REPO_ROOT } from '../generated-project/support.js';
import { DANGLING, runCli, tempTree } from '../cli/support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const GENERATOR = 'g'.repeat(64);
const KEY = randomBytes(32);

function setup() {
  const { dir: root, cleanup } = tempTree({});
  cleanups.push(cleanup);
  const modelDir = path.join(root, 'model');
  fs.cpSync(path.join(REPO_ROOT, 'models', 'shop'), modelDir, { recursive: true });
  const base = path.join(root, 'cache', 'loaded');
  const open = (key = KEY) => new UserLoadCache(modelDir, GENERATOR, key, base);
  const load = async (cache?: UserLoadCache) => {
    const onDisk = await readModel(modelDir);
    const { loaded } = await loadModelRead(onDisk, cache ? { contextCache: cache, workers: 0 } : { workers: 0 });
    cache?.save();
    return loaded;
  };
  const loadFiles = (cache: UserLoadCache) => (fs.existsSync(cache.dir) ? fs.readdirSync(cache.dir).filter((f) => f.endsWith('.load')) : []);
  return { root, modelDir, base, open, load, loadFiles };
}

describe('the loaded-files cache of validate', () => {
  it('loads from the cache what parsing gives, parses a changed file again, and believes only files signed with the key', async () => {
    const { modelDir, open, load, loadFiles } = setup();
    const parsed = await load();
    expect(await load(open())).toEqual(parsed);
    expect(loadFiles(open())).toHaveLength(3); // one per domain file, none for layouts
    const fromCache = await load(open());
    expect(JSON.stringify(fromCache)).toBe(JSON.stringify(parsed));

    // The cache is what answers: a file signed with the key is believed as it is...
    const cache = open();
    const [name] = loadFiles(cache);
    const planted = { diagnostics: [{ code: 'E_PLANTED', severity: 'error', file: 'x.yaml', line: 1, col: 1, message: 'from the cache' }] };
    fs.writeFileSync(path.join(cache.dir, name!), encodeLoaded(KEY, planted as never)!);
    expect((await load(open())).diagnostics.map((d) => d.code)).toContain('E_PLANTED');
    // ...and the same file under another key, unsigned, or as a link is parsed again.
    for (const forge of [
      () => fs.writeFileSync(path.join(cache.dir, name!), encodeLoaded(randomBytes(32), planted as never)!),
      () => fs.writeFileSync(path.join(cache.dir, name!), JSON.stringify(planted)),
      () => {
        const elsewhere = path.join(path.dirname(cache.dir), 'planted.load');
        fs.writeFileSync(elsewhere, encodeLoaded(KEY, planted as never)!);
        fs.symlinkSync(elsewhere, path.join(cache.dir, name!));
      },
    ]) {
      forge();
      expect(await load(open())).toEqual(parsed);
      fs.rmSync(path.join(cache.dir, name!), { force: true });
    }

    // A changed file is a new name: parsed, its old entry pruned.
    const file = path.join(modelDir, 'payments.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Takes the money for an order', 'Takes the cash for an order'));
    const changed = await load(open());
    expect(changed).toEqual(await load());
    expect(changed.model!.contexts.find((c) => c.name === 'Payments')!.description).toMatch(/^Takes the cash/);
    expect(loadFiles(open())).toHaveLength(3);
  });

  it('keeps only what JSON gives back exactly, and the most recent model folders', async () => {
    expect(jsonExact({ a: [1, 'x', null, true, { b: 2 }] })).toBe(true);
    for (const lossy of [{ a: undefined }, [1, , 2], { a: new Map() }, { a: Number.NaN }, { a: -0 }, (() => { const s = {}; return { a: s, b: s }; })()]) {
      expect(jsonExact(lossy), JSON.stringify(lossy)).toBe(false);
    }
    expect(encodeLoaded(KEY, { diagnostics: [], context: { x: undefined } as never })).toBeUndefined();

    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'stormsmith-loaded-'));
    cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
    const file = { path: 'a.yaml', text: 'stormsmith: 1\ncontext: A\n' };
    for (let i = 0; i < MAX_MODELS + 3; i++) {
      const cache = new UserLoadCache(path.join(base, `model${i}`), GENERATOR, KEY, path.join(base, 'loaded'));
      cache.storeLoadedContext(file, { diagnostics: [] });
      cache.save();
      fs.utimesSync(cache.dir, i, i);
    }
    expect(fs.readdirSync(path.join(base, 'loaded'))).toHaveLength(MAX_MODELS);
  });

  it('stormsmith validate: the same diagnostics from the cache, new ones after an edit', async () => {
    const { dir, cleanup } = tempTree({ 'model/lending.yaml': DANGLING });
    cleanups.push(cleanup);
    const keyDir = path.join(dir, 'keys');
    const saved = process.env.STORMSMITH_KEY_DIR;
    process.env.STORMSMITH_KEY_DIR = keyDir;
    cleanups.push(() => (saved === undefined ? delete process.env.STORMSMITH_KEY_DIR : (process.env.STORMSMITH_KEY_DIR = saved)));
    const first = await runCli(['validate', 'model'], dir);
    expect(first.code).toBe(1);
    expect(fs.readdirSync(path.join(keyDir, 'loaded'))).toHaveLength(1);
    expect(await runCli(['validate', 'model'], dir)).toEqual(first);
    const json = await runCli(['validate', 'model', '--format', 'json'], dir);
    expect(json.stdout).toContain('E_');
    fs.writeFileSync(path.join(dir, 'model/lending.yaml'), 'stormsmith: 1\ncontext: Lending\n');
    const clean = await runCli(['validate', 'model'], dir);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
  });
});
