// The generator's own identity for the plan cache: a hash of every source file under
// generator/ (emitters, planner, names, schemas) and the package version. Keying on the code,
// not only on the version number, means an edited emitter (in development, or a patched
// install) never gets outputs planned by the old one.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: string | null | undefined;

function listSources(dir: string, rel: string, out: string[]): void {
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) listSources(dir, child, out);
    else if (/\.(ts|cjs|mjs|js|json|hbs)$/.test(entry.name)) out.push(child);
  }
}

/** The digest, or null when the generator's sources cannot be read (e.g. bundled): then no cache. */
export function generatorDigest(): string | null {
  if (memo !== undefined) return memo;
  try {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const files: string[] = [];
    listSources(root, '', files);
    const hash = createHash('sha256');
    const pkg = path.join(root, '..', 'package.json');
    hash.update(fs.existsSync(pkg) ? String((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version?: unknown }).version) : 'no-package');
    for (const file of files.sort()) hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(root, file)));
    memo = hash.digest('hex');
  } catch {
    memo = null;
  }
  return memo;
}
