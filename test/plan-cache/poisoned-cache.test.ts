// Issue 19 item 2: the plan cache lives in the output folder, so a pull request can carry it.
// Entries are keyed on public data (generator digest, input hash), so a forged entry used to be
// believed: a hand edit added to a generated file, to its cache entry and to the manifest passed
// `check` and `generate --check`. Entries are now signed with a key outside the repository;
// forged ones (unsigned, or signed with another key) are planned again and the edit is found.

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sign } from '../../generator/plan-cache/cache-key.js';
import { CACHE_DIR, RUN_INDEX_FILE } from '../../generator/plan-cache/disk-cache.js';
import { REPO_ROOT } from '../generated-project/support.js';
import { runCli, tempTree } from '../cli/support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Rewrites every cache entry holding `file` so that it plans `contents`, as an attacker would. */
function poison(out: string, file: string, contents: string, forge: (body: string) => string): number {
  const dir = path.join(out, CACHE_DIR);
  let poisoned = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.json') || name === RUN_INDEX_FILE) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const entry = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { files: { path: string; contents: string }[] };
    const target = entry.files.find((f) => f.path === file);
    if (!target) continue;
    target.contents = contents;
    fs.writeFileSync(path.join(dir, name), forge(JSON.stringify(entry)));
    poisoned++;
  }
  // The run index too (its key is public: the model bytes and options).
  const index = fs.readFileSync(path.join(dir, RUN_INDEX_FILE), 'utf8');
  fs.writeFileSync(path.join(dir, RUN_INDEX_FILE), forge(index.slice(index.indexOf('\n') + 1)));
  return poisoned;
}

const FORGERIES: [string, (body: string) => string][] = [
  ['unsigned entry', (body) => body],
  ['entry signed with the attacker key', (body) => sign(randomBytes(32), body)],
  ['entry with a copied signature line', (body) => `${'0'.repeat(64)}\n${body}`],
];

describe('a poisoned plan cache never passes check', () => {
  for (const [name, forge] of FORGERIES) {
    it(`${name}: check and generate --check report the hand edit`, async () => {
      const { dir: root, cleanup } = tempTree({});
      cleanups.push(cleanup);
      const modelDir = path.join(REPO_ROOT, 'models', 'shop');
      const out = path.join(root, 'out');
      expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0);
      expect((await runCli(['generate', modelDir, '--out', out], root)).code).toBe(0); // fills the cache
      const manifestFile = path.join(out, '.stormsmith/manifest.json');
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: Record<string, { ownership: string; sha256: string }> };
      const victim = Object.keys(manifest.files).find((p) => manifest.files[p]!.ownership === 'generated' && p.endsWith('.ts'))!;
      const edited = `${fs.readFileSync(path.join(out, victim), 'utf8')}export const backdoor = () => process.env;\n`;
      fs.writeFileSync(path.join(out, victim), edited);
      manifest.files[victim]!.sha256 = sha(edited);
      fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
      expect(poison(out, victim, edited, forge)).toBeGreaterThan(0);

      const check = await runCli(['generate', modelDir, '--out', out, '--check'], root);
      expect(check.code).toBe(1);
      expect(check.stdout + check.stderr).toContain(victim);
      const gate = await runCli(['check', modelDir, '--out', out], root);
      expect(gate.code).toBe(1);
      expect(gate.stdout + gate.stderr).toContain(victim);
    }, 120_000);
  }
});
