// `stormsmith validate` in-process: formats, exit codes, default path, usage and IO errors.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DANGLING, lineCol, runCli, tempTree } from './support.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const trees: (() => void)[] = [];
const tree = (files: Record<string, string | Uint8Array>): string => {
  const t = tempTree(files);
  trees.push(t.cleanup);
  return t.dir;
};
afterAll(() => trees.forEach((cleanup) => cleanup()));

describe('stormsmith validate', () => {
  it.each(['models/library', 'models/shop'])('exits 0 on the example %s with no errors or warnings', async (example) => {
    const run = await runCli(['validate', example], repo);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/error\[|warning\[/);
    expect(run.stdout).toMatch(/^0 errors, 0 warnings, \d+ infos? in \d+ files\n$/m);
  });

  it('reports a dangling reference at the reference with a hint, and exits 1', async () => {
    const dir = tree({ 'till.yaml': DANGLING });
    const run = await runCli(['validate', 'till.yaml'], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`till.yaml:${lineCol(DANGLING, 'SendReceit]')}: error[E_UNRESOLVED_REF]: unknown command "SendReceit" (command issued by policy ReceiptOnClose)`);
    expect(lines[1]).toBe('  hint: did you mean "SendReceipt"?');
    expect(lines.at(-2)).toBe('1 error, 0 warnings, 0 infos in 1 file');
  });

  it('shows paths relative to the working folder when given a folder', async () => {
    const dir = tree({ 'model/till.yaml': DANGLING });
    const run = await runCli(['validate', 'model'], dir);
    expect(run.stdout.startsWith(`model/till.yaml:${lineCol(DANGLING, 'SendReceit]')}: error[E_UNRESOLVED_REF]`)).toBe(true);
  });

  it('prints a JSON array of diagnostics with --format json', async () => {
    const dir = tree({ 'till.yaml': DANGLING });
    const run = await runCli(['validate', '--format', 'json', '.'], dir);
    expect(run.code).toBe(1);
    const parsed = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(parsed)).toBe(true);
    const [line, col] = lineCol(DANGLING, 'SendReceit]').split(':').map(Number);
    expect(parsed).toEqual([
      expect.objectContaining({ code: 'E_UNRESOLVED_REF', severity: 'error', file: 'till.yaml', line, col, hint: 'did you mean "SendReceipt"?', rule: 'unresolved-reference' }),
    ]);
  });

  it('prints GitHub annotations with --format github (-f github)', async () => {
    const dir = tree({ 'till.yaml': DANGLING });
    const run = await runCli(['validate', '-f', 'github'], dir);
    expect(run.code).toBe(1);
    const [line, col] = lineCol(DANGLING, 'SendReceit]').split(':');
    const first = run.stdout.split('\n')[0]!;
    expect(first.replace(/,endLine=\d+,endColumn=\d+/, '')).toBe(
      `::error file=till.yaml,line=${line},col=${col},title=E_UNRESOLVED_REF::unknown command "SendReceit" (command issued by policy ReceiptOnClose)%0Ahint: did you mean "SendReceipt"?`,
    );
    expect(first).toMatch(/,endLine=\d+,endColumn=\d+,/);
  });

  it('exits 0 when there are only warnings', async () => {
    const dir = tree({ 'till.yaml': DANGLING.replace('issues: [SendReceit]', 'issues: [SendReceipt]').replace('aggregates:', 'actors:\n  Cashier: {}\naggregates:') });
    const run = await runCli(['validate', 'till.yaml'], dir);
    expect(run.stdout).toContain('warning[W_ACTOR_UNUSED]: actor Cashier issues no command');
    expect(run.code).toBe(0);
  });

  it('reports load errors and does not run the rules on a model that failed to load', async () => {
    const dir = tree({ 'till.yaml': DANGLING.replace('identity: saleId', 'identity: [saleId') });
    const run = await runCli(['validate', 'till.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^till\.yaml:\d+:\d+: error\[E_YAML_SYNTAX\]/);
    expect(run.stdout).not.toContain('E_UNRESOLVED_REF');
  });

  it('reads ./models by default, else the current folder', async () => {
    const withModels = tree({ 'models/till.yaml': DANGLING });
    expect((await runCli(['validate'], withModels)).stdout).toMatch(/^models\/till\.yaml:/);
    const without = tree({ 'till.yaml': DANGLING });
    expect((await runCli(['validate'], without)).stdout).toMatch(/^till\.yaml:/);
  });

  it('reports a missing path as E_IO with exit 2, in the requested format', async () => {
    const dir = tree({});
    const text = await runCli(['validate', 'nowhere'], dir);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe('nowhere:1:1: error[E_IO]: the model path does not exist\n  hint: check the path; `stormsmith validate` with no path reads ./models, or the current folder\n');
    const json = await runCli(['validate', 'nowhere', '--format=json'], dir);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ code: 'E_IO', file: 'nowhere' })]);
  });

  it('reports a folder without model files as E_NO_MODEL with exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-empty-'));
    trees.push(() => rmSync(dir, { recursive: true, force: true }));
    const run = await runCli(['validate', dir], os.tmpdir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[E_NO_MODEL]: no model files (*.yaml, *.yml) in');
  });

  it('reports an encoding problem through the loader (bytes, not text, reach it)', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('stormsmith: 1\n', 'utf16le')]);
    const dir = tree({ 'till.yaml': utf16 });
    const run = await runCli(['validate', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^till\.yaml:1:1: error\[E_ENCODING\]: file is UTF-16 encoded/);
  });

  it.each([
    [['--format', 'xml'], 'unknown format "xml"; expected one of text, json, github'],
    [['--strict'], "Unknown option '--strict'"],
    [['a', 'b'], 'expected at most one path, got 2: a b'],
  ])('rejects bad usage %j with E_USAGE and exit 2', async (args, message) => {
    const run = await runCli(['validate', ...args], repo);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error[E_USAGE]: ${message}`);
    expect(run.stderr).toContain('hint: run `stormsmith validate --help`');
  });

  it('prints help with exit 0', async () => {
    const run = await runCli(['validate', '--help'], repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: stormsmith validate [path] [--format text|json|github]');
    expect(run.stdout).toContain('Exit codes: 0 no errors (warnings allowed), 1 the model has errors, 2 usage or IO error.');
  });
});
