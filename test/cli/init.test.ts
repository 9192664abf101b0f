// `stormsmith init`: the starter project is valid, generates, passes `check`, and init never
// overwrites an existing project.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialContextYaml, initialProject, withGitignoreLines } from '../../generator/init/initial-model.js';
import { runCli, tempTree } from './support.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function emptyDir(files: Record<string, string> = {}): string {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('initial model builder', () => {
  it('lays out one context, the config and the cache ignores', () => {
    const p = initialProject('OrderTaking');
    expect(p.modelDir).toBe('models/order-taking');
    expect(p.outDir).toBe('services/order-taking');
    expect(p.files.map((f) => f.path)).toEqual(['models/order-taking/order-taking.yaml', 'stormsmith.config.json']);
    expect(JSON.parse(p.files[1]!.content)).toEqual({ model: 'models/order-taking', out: 'services/order-taking' });
    expect(p.gitignore).toEqual(['/services/order-taking/.stormsmith/cache/', '/services/order-taking/.stormsmith/txn/', '/services/order-taking/.stormsmith/lock']);
    expect(p.nextCommands).toHaveLength(3);
  });

  it('refuses context names the model format rejects', () => {
    expect(() => initialContextYaml('9lives')).toThrow(/not a valid context name/);
    expect(() => initialContextYaml('a b')).toThrow(/not a valid context name/);
  });

  it('appends only missing .gitignore lines, keeping what is there', () => {
    const lines = ['/a/', '/b/'];
    const once = withGitignoreLines('node_modules/\n/a/', lines);
    expect(once.startsWith('node_modules/\n/a/\n')).toBe(true);
    expect(once.endsWith('/b/\n')).toBe(true);
    expect(once.match(/\/a\//g)).toHaveLength(1);
    expect(withGitignoreLines(once, lines)).toBe(once);
    expect(withGitignoreLines('', lines)).toContain('/a/\n/b/\n');
  });
});

describe('stormsmith init', () => {
  it('writes a project whose model validates, generates and passes check', async () => {
    const dir = emptyDir();
    const run = await runCli(['init', '--context', 'Billing'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('npx stormsmith studio models/billing');
    expect(run.stdout).toContain('npx stormsmith generate');
    expect(run.stdout).toContain('npx stormsmith check');
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('/services/billing/.stormsmith/cache/');

    const validate = await runCli(['validate', 'models/billing'], dir);
    expect(validate.stdout).toContain('no problems');
    expect(validate.code).toBe(0);
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(0);
    expect(existsSync(path.join(dir, 'services/billing/.stormsmith/manifest.json'))).toBe(true);
    const check = await runCli(['check'], dir);
    expect(check.stdout).toContain('check: passed');
    expect(check.code).toBe(0);
  }, 60_000);

  it('writes into the given folder and keeps an existing .gitignore', async () => {
    const dir = emptyDir({ 'repo/.gitignore': 'node_modules/\n' });
    const run = await runCli(['init', 'repo'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(from repo)');
    expect(existsSync(path.join(dir, 'repo/models/core/core.yaml'))).toBe(true);
    const gitignore = readFileSync(path.join(dir, 'repo/.gitignore'), 'utf8');
    expect(gitignore.startsWith('node_modules/\n')).toBe(true);
    expect(gitignore).toContain('/services/core/.stormsmith/lock');
  });

  it('writes nothing when a file it would create exists', async () => {
    const dir = emptyDir({ 'stormsmith.config.json': '{"model":"elsewhere"}\n' });
    const run = await runCli(['init'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('stormsmith.config.json:1:1: error[E_EXISTS]');
    expect(existsSync(path.join(dir, 'models'))).toBe(false);
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(false);
    expect(readFileSync(path.join(dir, 'stormsmith.config.json'), 'utf8')).toBe('{"model":"elsewhere"}\n');
  });

  it('rejects a bad context name as a usage error', async () => {
    const dir = emptyDir();
    const run = await runCli(['init', '--context', 'my-context'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[E_USAGE]');
    expect(existsSync(path.join(dir, 'models'))).toBe(false);
  });
});
