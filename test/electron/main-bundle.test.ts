// The bundled main process (what `npm run app` and the packaged app run), started under plain
// Node with a stand-in electron module: proves the esbuild bundle loads, wires the protocol,
// permissions, menus and IPC, opens the folder given on the command line, and guards its IPC.
import { spawnSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';
import { INVOKE_CHANNELS } from '../../app/shared/ipc-contract.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

describe('bundled main process', () => {
  let work: TempFolder;
  let result: Record<string, any>;
  let preloadRequires: string[];

  beforeAll(async () => {
    work = await makeTempFolder('stormsmith-bundle-');
    const out = path.join(work.dir, 'dist');
    const built = spawnSync(process.execPath, [path.join(ROOT, 'app/main/build.mjs'), '--out', out], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    await cp(path.join(ROOT, 'models/library'), path.join(work.dir, 'models'), { recursive: true });
    const run = spawnSync(process.execPath, [path.join(FIXTURES, 'run-main-bundle.cjs'), path.join(out, 'main.cjs'), path.join(work.dir, 'models')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_PATH: [path.join(FIXTURES, 'fake-electron-modules'), path.join(ROOT, 'node_modules')].join(path.delimiter),
        FAKE_ELECTRON_USER_DATA: path.join(work.dir, 'user-data'),
        FAKE_ELECTRON_APP_PATH: ROOT,
      },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    result = JSON.parse(run.stdout);
    const preload = await import('node:fs/promises').then((fs) => fs.readFile(path.join(out, 'preload.cjs'), 'utf8'));
    preloadRequires = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
  }, 120_000);
  afterAll(() => work.remove());

  it('enables the sandbox and registers app:// as privileged before anything else', () => {
    expect(result.calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox']);
  });

  it('opens one locked-down window on app:// with the folder from the command line', () => {
    expect(result.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(result.webPreferences.preload).toBe(path.join(ROOT, 'app', 'dist', 'preload.cjs'));
    expect(result.urls).toEqual(['app://stormsmith/index.html']);
    expect(result.sent).toContain('workspace:opened');
    expect(result.menu).toEqual(expect.arrayContaining(['File', 'Edit', 'Generate', 'View', 'Help']));
  });

  it('serves the renderer with the CSP and denies permissions', () => {
    expect(result.page.status).toBe(200);
    expect(result.page.csp).toContain("script-src 'self'");
    expect(result.permission).toBe(false);
  });

  it('answers trusted IPC from the opened folder and refuses the rest', () => {
    expect([...result.ipcChannels].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(result.listModels.ok).toBe(true);
    expect(result.listModels.value.map((m: { path: string }) => m.path)).toContain('lending.yaml');
    expect(result.foreignListModels).toMatchObject({ ok: false, error: { code: 'E_UNTRUSTED_SENDER' } });
    expect(result.escape).toMatchObject({ ok: false, error: { code: 'E_INVALID_PATH' } });
  });

  it('keeps the sandboxed preload a single file that needs only electron', () => {
    expect(preloadRequires).toEqual(['electron']);
  });
});
