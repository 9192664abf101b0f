// The security gate (hardening.md C7 row 76): Electronegativity over the Electron main and
// preload code must report nothing at or above the threshold beyond the reviewed allowlist, and
// the canary (a window with nodeIntegration: true) must be reported, so a scanner that silently
// stopped working fails this test instead of passing it.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingFindings, formatFinding, readAllowlist, scan, type AllowEntry, type ScanResult } from '../../security/electronegativity-gate.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('Electronegativity gate', () => {
  let staging: string;
  let app: ScanResult;
  let canary: ScanResult;
  let bundle: ScanResult;
  let manual: ScanResult;
  let allowlist: AllowEntry[];

  beforeAll(async () => {
    // The Electron code only (main, preload and the contract they share), the way it is shipped;
    // the build script and the renderer are not Electron code.
    staging = await mkdtemp(path.join(tmpdir(), 'stormsmith-eneg-'));
    for (const dir of ['main', 'preload', 'shared']) {
      await cp(path.join(ROOT, 'app', dir), path.join(staging, dir), { recursive: true, filter: (src) => !src.endsWith('.mjs') });
    }
    allowlist = await readAllowlist();
    app = await scan(staging);
    canary = await scan(path.join(ROOT, 'security', 'canary'));
    // What ships: the esbuild bundles app/dist/main.cjs and preload.cjs (issue 19 item 9).
    const dist = path.join(staging, 'dist');
    const built = spawnSync(process.execPath, [path.join(ROOT, 'app/main/build.mjs'), '--out', dist], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    bundle = await scan(dist);
    // The documented manual run, straight on the repository's folder.
    manual = await scan(path.join(ROOT, 'app', 'main'));
  }, 120_000);
  afterAll(() => rm(staging, { recursive: true, force: true }));

  it('loads its checks and reads every file', () => {
    expect(app.checks).toBeGreaterThan(30);
    expect(app.parseErrors).toEqual([]);
  });

  it('finds nothing blocking in app/main and app/preload', () => {
    const blocking = blockingFindings(app.issues, allowlist);
    expect(blocking.map(formatFinding)).toEqual([]);
  });

  it('scans the built bundles main.cjs and preload.cjs (not only sources) and finds nothing blocking', () => {
    expect(bundle.parseErrors).toEqual([]);
    // The scanner only reads .js/.ts: a finding located in main.cjs proves the bundle was read.
    expect(bundle.issues.some((i) => i.file === 'main.cjs')).toBe(true);
    expect(blockingFindings(bundle.issues, allowlist).map(formatFinding)).toEqual([]);
  });

  it('the allowlist matches in a manual run on app/main as in the staging layout', () => {
    expect(manual.issues.some((i) => i.id === 'PRELOAD_JS_CHECK')).toBe(true);
    expect(blockingFindings(manual.issues, allowlist).map(formatFinding)).toEqual([]);
    // Matching is by whole path segments: another folder's file of the same name stays blocking.
    const elsewhere = { ...manual.issues.find((i) => i.id === 'PRELOAD_JS_CHECK')!, file: 'other/window-factory.ts' };
    expect(blockingFindings([elsewhere], allowlist)).toHaveLength(1);
  });

  it('the canary is caught: nodeIntegration, contextIsolation and webSecurity findings block', () => {
    const ids = new Set(canary.issues.map((i) => i.id));
    expect(ids).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(ids).toContain('WEB_SECURITY_JS_CHECK');
    const nodeIntegration = canary.issues.find((i) => i.id === 'NODE_INTEGRATION_JS_CHECK');
    expect(nodeIntegration).toMatchObject({ file: 'insecure-window.js', line: 9 });
    expect(blockingFindings(canary.issues, allowlist).map((i) => i.id)).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
  });

  it('every allowlist entry is reviewed and still matches a real finding (no stale exemptions)', () => {
    for (const entry of allowlist) {
      expect(entry.reason.length, `${entry.id}@${entry.file}`).toBeGreaterThan(40);
      expect(app.issues.some((i) => i.id === entry.id && i.file === entry.file), `${entry.id}@${entry.file} is stale`).toBe(true);
    }
  });
});
