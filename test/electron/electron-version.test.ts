// Issue 19 item 9: the desktop app shipped an Electron behind its own line's security releases.
// The pin in package.json (and what is installed) must be at least the recorded minimum.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../generated-project/support.js';

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));

/** -1, 0, 1 comparing plain x.y.z versions. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i]! !== pb[i]!) return pa[i]! < pb[i]! ? -1 : 1;
  return 0;
}

describe('pinned Electron', () => {
  const minimum: string = readJson('security/electron-minimum.json').minimum;
  const pinned: string = readJson('package.json').devDependencies.electron;

  it('is pinned exactly (no range) and is at least the recorded minimum', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(compareVersions(pinned, minimum), `electron ${pinned} is older than the minimum ${minimum}`).toBeGreaterThanOrEqual(0);
  });

  it('the lockfile and the installed package agree with the pin', () => {
    expect(readJson('package-lock.json').packages['node_modules/electron'].version).toBe(pinned);
    expect(readJson('node_modules/electron/package.json').version).toBe(pinned);
  });

  it('the comparison itself orders versions numerically', () => {
    expect(compareVersions('45.3.4', '45.6.1')).toBe(-1);
    expect(compareVersions('45.10.0', '45.6.1')).toBe(1);
    expect(compareVersions('46.0.0', '45.6.1')).toBe(1);
    expect(compareVersions('45.6.1', '45.6.1')).toBe(0);
  });
});
