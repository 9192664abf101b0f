// The package as a user gets it: `npm pack`, then `npm i -D ./stormsmith-<v>.tgz` in a fresh
// project outside this repo (dependencies from the npm cache when they are there), then every
// command from that install: --version, init, validate, generate, check, the programmatic API
// with its type declarations, and the studio in Chromium.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launchBrowser, REPO, type Browser } from '../e2e/support/studio.js';
import { boardErrors, startStudioCommand } from './studio-process.js';

const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-packed-'));
const project = path.join(scratch, 'architect-repo');
const bin = path.join(project, 'node_modules', '.bin', 'stormsmith');
let browser: Browser;

/** `stormsmith <args>` from the installed package; throws with the output on a non-zero exit. */
function stormsmith(args: string[], cwd = project): string {
  const run = spawnSync(bin, args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`stormsmith ${args.join(' ')} exited ${run.status}\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  expect(path.relative(REPO, scratch).startsWith('..')).toBe(true);
  // The build `prepack` would make; already current after `npm ci` or an earlier run.
  for (const part of ['cli', 'types', 'renderer'] as const) ensureBuilt(part);
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'architect-repo', private: true, type: 'module' }, null, 2)}\n`);
  execFileSync('npm', ['i', '-D', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(scratch, tarball)], { cwd: project, encoding: 'utf8' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm pack + npm i -D in a project outside the repo', () => {
  it('installs only run-time dependencies and the prebuilt files', () => {
    const installed = readdirSync(path.join(project, 'node_modules'));
    for (const devOnly of ['react', 'react-dom', 'vite', 'electron', 'vitest', 'tsx', 'playwright-core', 'typescript', 'esbuild', '@xyflow']) expect(installed).not.toContain(devOnly);
    const pkg = path.join(project, 'node_modules', 'stormsmith');
    for (const file of ['LICENSE', 'dist/stormsmith.js', 'dist/index.js', 'dist/types/generator/api.d.ts', 'app/renderer/dist/index.html', 'templates', 'generator/model/stormsmith.schema.json']) {
      expect(existsSync(path.join(pkg, file)), file).toBe(true);
    }
    // No sources, tests or build stamps in the package.
    for (const file of ['generator/cli', 'test', 'bin/build.mjs', 'dist/build-stamp.json', 'app/renderer/src']) expect(existsSync(path.join(pkg, file)), file).toBe(false);
  });

  it('runs --version, init, validate, generate and check', () => {
    expect(stormsmith(['--version'])).toBe(`stormsmith ${VERSION}\n`);
    expect(stormsmith(['init', '--context', 'Billing'])).toContain('npx stormsmith studio models/billing');
    expect(stormsmith(['validate', 'models/billing'])).toContain('no problems');
    expect(stormsmith(['generate'])).toMatch(/generate: wrote services\/billing/);
    expect(stormsmith(['check'])).toContain('check: passed');
  }, 120_000);

  it('offers the programmatic API, with type declarations that compile', () => {
    writeFileSync(
      path.join(project, 'api.ts'),
      [
        "import { loadModelFromDisk, validateModel, plan, loadTemplates, STORMSMITH_VERSION, type Diagnostic } from 'stormsmith';",
        "const { loaded } = await loadModelFromDisk('models/billing');",
        'const problems: Diagnostic[] = [...loaded.diagnostics, ...(loaded.model ? validateModel(loaded.model) : [])];',
        'const files = loaded.model ? await plan(loaded.model, { templates: loadTemplates() }) : undefined;',
        'console.log(STORMSMITH_VERSION, problems.length, files ? files.size > 0 : false);',
        '',
      ].join('\n'),
    );
    const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
    const typed = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', '', 'api.ts'], { cwd: project, encoding: 'utf8' });
    expect(typed.stdout + typed.stderr).toBe('');
    writeFileSync(path.join(project, 'api.mjs'), readFileSync(path.join(project, 'api.ts'), 'utf8').replace(', type Diagnostic', '').replace(': Diagnostic[]', ''));
    expect(execFileSync(process.execPath, ['api.mjs'], { cwd: project, encoding: 'utf8' })).toBe(`${VERSION} 0 true\n`);
  }, 60_000);

  it('serves the prebuilt canvas: the library board renders in Chromium without console errors', async () => {
    const models = path.join(project, 'models/library');
    cpSync(path.join(REPO, 'models/library'), models, { recursive: true });
    const env = { ...process.env };
    delete env.STORMSMITH_RENDERER_DIR;
    const studio = await startStudioCommand(bin, ['studio', 'models/library', '--port', '0', '--no-open'], project, env);
    try {
      expect(await boardErrors(browser, studio.url, 'Loan')).toEqual([]);
    } finally {
      await studio.stop();
    }
  }, 120_000);
});
