import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryRepo, runCli } from './support.js';
import { STORMSMITH_VERSION } from '../../generator/version.js';

const VALUES = 'service/src/lending/values.ts';

describe('stormsmith generate', () => {
  it('generates, then a rerun changes nothing, and --check is clean', async () => {
    const repo = libraryRepo();
    const first = await runCli(['generate'], repo);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/generate: wrote service \(\d+ added\)/);
    expect(fs.existsSync(path.join(repo, 'service/.stormsmith/manifest.json'))).toBe(true);
    const second = await runCli(['generate'], repo);
    expect(second.stdout).toMatch(/generate: wrote service \(\d+ unchanged\)\n$/);
    const check = await runCli(['generate', '--check'], repo);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('generate --check: service is up to date');
  });

  it('refuses to overwrite a hand-edited file (exit 1, diff shown) until --force names it', async () => {
    const repo = libraryRepo();
    await runCli(['generate'], repo);
    const edited = fs.readFileSync(path.join(repo, VALUES), 'utf8').replace('copyNumber: number', 'copyNumber: number // my note');
    fs.writeFileSync(path.join(repo, VALUES), edited);
    const refused = await runCli(['generate'], repo);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`${VALUES}:1:1: error[E_HAND_EDITED]`);
    expect(refused.stdout).toContain('-  copyNumber: number // my note');
    expect(refused.stdout).toContain('+  copyNumber: number');
    expect(fs.readFileSync(path.join(repo, VALUES), 'utf8')).toBe(edited);

    const check = await runCli(['generate', '--check', '--format', 'github'], repo);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^::error file=service\/src\/lending\/values\.ts,line=1,col=1,title=E_HAND_EDITED::/m);

    const forced = await runCli(['generate', '--force', VALUES], repo);
    expect(forced.code, forced.stdout).toBe(0);
    expect(forced.stdout).toContain('changed     src/lending/values.ts (forced; your version kept in src/lending/values.ts.orig)');
    expect(fs.readFileSync(path.join(repo, `${VALUES}.orig`), 'utf8')).toBe(edited);
    expect(fs.readFileSync(path.join(repo, VALUES), 'utf8')).not.toContain('my note');
  });

  it('--dry-run lists the plan and writes nothing; --format json is one document', async () => {
    const repo = libraryRepo();
    const dry = await runCli(['generate', '--dry-run'], repo);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('added       src/lending/loan/logic.ts');
    expect(fs.existsSync(path.join(repo, 'service'))).toBe(false);
    const json = await runCli(['generate', '--check', '--format', 'json'], repo);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ command: 'generate --check', ok: false, outDir: 'service' });
    expect(doc.diagnostics.filter((d: { code: string }) => d.code.startsWith('E_'))).toEqual([expect.objectContaining({ code: 'E_OUTPUT_MISSING', file: 'service' })]);
  });

  it('blocks on model errors (exit 1, nothing written) and reports usage errors with exit 2', async () => {
    const repo = libraryRepo();
    fs.appendFileSync(path.join(repo, 'models/library/lending.yaml'), '\nunknownSection: 1\n');
    const bad = await runCli(['generate'], repo);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/models\/library\/lending\.yaml:\d+:\d+: error\[/);
    expect(fs.existsSync(path.join(repo, 'service'))).toBe(false);
    expect((await runCli(['generate', '--bogus'], repo)).code).toBe(2);
    expect((await runCli(['generate', '--check', '--dry-run'], repo)).code).toBe(2);
    const missing = await runCli(['generate', 'models/nope'], repo);
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('E_IO');
  });

  it('refuses a non-empty folder without a manifest, and --into accepts an existing repo', async () => {
    const repo = libraryRepo(null);
    fs.mkdirSync(path.join(repo, 'app'));
    fs.writeFileSync(path.join(repo, 'app/README.md'), 'existing');
    const refused = await runCli(['generate', 'models/library', '--out', 'app'], repo);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('error[E_OUT_NOT_EMPTY]');
    const into = await runCli(['generate', 'models/library', '--into', 'app'], repo);
    expect(into.code, into.stdout).toBe(0);
    expect(fs.existsSync(path.join(repo, 'app/package.json'))).toBe(false);
    expect(fs.existsSync(path.join(repo, 'app/src/lending/loan/logic.ts'))).toBe(true);
    // The printed lines carry the exact pins a generated package.json would declare.
    expect(into.stdout).toContain('npm install --save-exact @event-driven-io/dumbo@0.12.7 @event-driven-io/emmett@0.42.0');
    expect(into.stdout).toMatch(/npm install --save-exact -D .*vitest@4\.1\.12/);
  });
});

describe('stormsmith check', () => {
  it('passes on a fresh repo with no arguments (config file) and fails with one exit code per problem kind', async () => {
    const repo = libraryRepo();
    await runCli(['generate'], repo);
    const clean = await runCli(['check'], path.join(repo, 'models'));
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain(`ok   model valid\nok   generated output up to date\nok   output generated by this stormsmith version (${STORMSMITH_VERSION})\nok   event schema gate (no released schemas yet`);
    expect(clean.stdout).toContain('check: passed');

    fs.rmSync(path.join(repo, 'service/docs/adr/lending-architecture.md'));
    const noAdr = await runCli(['check', '--format', 'json'], repo);
    expect(noAdr.code).toBe(1);
    const doc = JSON.parse(noAdr.stdout);
    expect(doc.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual(['validate:passed', 'generated:failed', 'version:passed', 'schemas:passed', 'adr:failed']);
    expect(doc.diagnostics.find((d: { code: string }) => d.code === 'E_ADR_MISSING')).toMatchObject({ file: 'models/library/lending.yaml' });
  });

  it('fails when the model is invalid and skips the steps that need a model', async () => {
    const repo = libraryRepo();
    await runCli(['generate'], repo);
    fs.appendFileSync(path.join(repo, 'models/library/lending.yaml'), '\nunknownSection: 1\n');
    const run = await runCli(['check'], repo);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL model valid\nskip generated output up to date (the model has errors)');
  });

  it('runs the event schema gate against released schemas', async () => {
    const repo = libraryRepo();
    const release = await runCli(['schemas', 'release'], repo);
    expect(release.code, release.stdout + release.stderr).toBe(0);
    // A breaking change to a released event: a field changes type.
    const yaml = path.join(repo, 'models/library/lending.yaml');
    const text = fs.readFileSync(yaml, 'utf8');
    const changed = text.replace(/(  LoanFellDue:\n(?:    .*\n)*?      dueOn: )date/, '$1int');
    expect(changed).not.toBe(text);
    fs.writeFileSync(yaml, changed);
    expect((await runCli(['generate'], repo)).code).toBe(0);
    const run = await runCli(['check', '--format', 'json'], repo);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual(['validate:passed', 'generated:passed', 'version:passed', 'schemas:failed', 'adr:passed']);
  });

  it('reports a malformed config file with exit 2', async () => {
    const repo = libraryRepo({ model: 'models/library', outt: 'x' });
    const run = await runCli(['check'], repo);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/stormsmith\.config\.json:1:1: error\[E_CONFIG\]: unknown key "outt"/);
    const json = await runCli(['check', '--format', 'json'], repo);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, diagnostics: [{ code: 'E_CONFIG', file: 'stormsmith.config.json' }] });
  });
});
