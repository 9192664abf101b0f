// Every npm package the built CLI and API import at run time is a `dependency` (so an installed
// package has it), and every `dependency` is imported (nothing for development ships to users).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from '../e2e/support/studio.js';

beforeAll(() => ensureBuilt('cli'), 120_000);

const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('run-time dependencies of the package', () => {
  it('match what the bundle imports', () => {
    const dist = path.join(REPO, 'dist');
    const imported = new Set<string>();
    for (const file of readdirSync(dist).filter((f) => /\.(c?js)$/.test(f))) {
      const text = readFileSync(path.join(dist, file), 'utf8');
      for (const m of text.matchAll(/(?:^import[^;\n]*?\bfrom\s*|^import\s*|\bimport\(|\brequire\()"((?:@[a-z0-9._-]+\/)?[a-z0-9._-]+(?:\/[a-z0-9._/-]+)?|node:[a-z_/]+)"/gm)) {
        if (!m[1]!.startsWith('node:')) imported.add(packageOf(m[1]!));
      }
    }
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
