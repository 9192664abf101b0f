// performance.md: a no-op regenerate or check must not pay for ts-morph (0.4-0.6 s to import).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/apply.js';
import { v1Plan } from './fixtures/noop-plan.js';
import { tempDir } from './support.js';

describe('lazy loading', () => {
  it('a no-op apply and a clean check never load ts-morph', async () => {
    const out = tempDir();
    expect((await apply(v1Plan(), out)).ok).toBe(true);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/noop-loads.ts'), out], { encoding: 'utf8' });
    expect(JSON.parse(child.stdout || 'null'), child.stderr).toEqual({ written: 0, checkOk: true, tsMorphLoaded: false });
  });
});
