// End-to-end plumbing: the canvas as built by `npm run build`, run `stormsmith studio` on a copy of a
// model folder, drive Debian's Chromium with playwright-core.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROMIUM = process.env.STORMSMITH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The canvas exactly as users get it: app/renderer/dist, built by `npm run build` (which `npm ci`
 * runs through `prepare`), not a test-only build. Outside CI a stale build is rebuilt first by the
 * same script (`--if-stale`, one build at a time); with STORMSMITH_REQUIRE_PREBUILT=1 (.ci/run) a
 * missing or stale build fails instead, so CI proves that `npm ci` built it. Returns a private
 * copy of that build, so a test may remove it and a rebuild never swaps files under a server.
 */
export async function buildRenderer(): Promise<string> {
  ensureBuilt('renderer');
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-renderer-'));
  cpSync(path.join(REPO, 'app/renderer/dist'), outDir, { recursive: true });
  return outDir;
}

/** Makes sure a part of the package build (bin/build.mjs: cli, types, renderer) is current. */
export function ensureBuilt(part: 'cli' | 'types' | 'renderer'): void {
  const script = path.join(REPO, 'bin/build.mjs');
  const prebuilt = process.env.STORMSMITH_REQUIRE_PREBUILT === '1';
  const run = spawnSync(process.execPath, [script, '--only', part, prebuilt ? '--check' : '--if-stale'], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(prebuilt ? `the ${part} build is not what npm ci built (run \`npm run build\`):\n${run.stdout}${run.stderr}` : `npm run build failed:\n${run.stdout}${run.stderr}`);
  }
}

/** A scratch copy of an example model folder. */
export function copyModels(example: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stormsmith-${example}-`));
  cpSync(path.join(REPO, 'models', example), dir, { recursive: true });
  return dir;
}

/**
 * A scratch repo laid out like a user's: `models/<example>/` plus a stormsmith.config.json that
 * sends generated code to `services/<example>/`. `dir` is the model folder the studio opens.
 */
export function copyRepo(example: string): { repo: string; dir: string; out: string } {
  const repo = mkdtempSync(path.join(os.tmpdir(), `stormsmith-repo-${example}-`));
  const dir = path.join(repo, 'models', example);
  cpSync(path.join(REPO, 'models', example), dir, { recursive: true });
  writeFileSync(path.join(repo, 'stormsmith.config.json'), `${JSON.stringify({ model: `models/${example}`, out: `services/${example}` }, null, 2)}\n`);
  return { repo, dir, out: path.join(repo, 'services', example) };
}

export interface Studio {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `node bin/stormsmith.mjs studio <dir> --port 0 --no-open [...extra]`; resolves with the printed URL. */
export function startStudio(dir: string, rendererDir: string, extra: readonly string[] = []): Promise<Studio> {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/stormsmith.mjs'), 'studio', dir, '--port', '0', '--no-open', ...extra], {
    cwd: REPO,
    env: { ...process.env, STORMSMITH_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio did not print its URL in time\nstdout: ${out}\nstderr: ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+(?:&[A-Za-z]+=[^\s&]*)*)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile. */
export async function launchBrowser(viewport = { width: 1400, height: 900 }, options: { bypassCSP?: boolean } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
    // Only the benchmark sets this, to evaluate its measuring scripts in the page.
    bypassCSP: options.bypassCSP ?? false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
