// `stormsmith export asyncapi` through the CLI: writes JSON or YAML, refuses an invalid model.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { DANGLING, runCli, tempTree } from '../cli/support.js';

const SHOP = fileURLToPath(new URL('../../models/shop', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('stormsmith export asyncapi', () => {
  it('writes YAML for a .yaml --out and JSON for .json, the same document', async () => {
    const { dir, cleanup } = tempTree({});
    cleanups.push(cleanup);
    const yaml = await runCli(['export', 'asyncapi', SHOP, '--out', 'api/shop.yaml'], dir);
    const json = await runCli(['export', 'asyncapi', SHOP, '--out', 'api/shop.json'], dir);
    expect([yaml.code, json.code, yaml.stderr]).toEqual([0, 0, '']);
    expect(yaml.stdout).toMatch(/wrote api\/shop\.yaml \(\d+ channels, \d+ operations\)/);
    expect(parse(readFileSync(path.join(dir, 'api/shop.yaml'), 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(dir, 'api/shop.json'), 'utf8')));
  });

  it('writes nothing and exits 1 for a model with errors', async () => {
    const { dir, cleanup } = tempTree({ 'model/till.yaml': DANGLING });
    cleanups.push(cleanup);
    const run = await runCli(['export', 'asyncapi', 'model', '--out', 'api.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error\[E_/);
    expect(existsSync(path.join(dir, 'api.json'))).toBe(false);
  });

  it('refuses an unknown context and an unknown format with exit 2', async () => {
    expect((await runCli(['export', 'asyncapi', SHOP, '--context', 'Nope'], process.cwd())).code).toBe(2);
    expect((await runCli(['export', 'nope'], process.cwd())).code).toBe(2);
  });
});
