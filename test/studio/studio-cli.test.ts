import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { access, chmod } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { studioConnectionFromLocation } from '../../app/shared/http-workspace-client.js';
import { browserCommand } from '../../app/studio/open-browser.js';
import { main } from '../../generator/cli/main.js';
import { missingCanvas } from '../../generator/cli/commands/studio.js';
import { LOCK_FILE } from '../../app/workspace/writer-lock.js';
import { eventually, makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

const BIN = fileURLToPath(new URL('../../bin/stormsmith.mjs', import.meta.url));
/** A stand-in canvas build, so that these process tests do not depend on `npm run build`. */
const CANVAS = fileURLToPath(new URL('./fixtures/canvas', import.meta.url));

describe('stormsmith studio (process)', () => {
  let models: TempFolder;
  beforeEach(async () => {
    models = await makeTempFolder();
    await models.write('lending.yaml', 'stormsmith: 1\n');
  });
  afterEach(() => models.remove());

  it('prints the tokened URL, serves the API with that token, and releases the folder on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'studio', models.dir, '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STORMSMITH_RENDERER_DIR: CANVAS } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /^Stormsmith studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(stdout);
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 25);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`studio exited early: ${stderr}`));
      });
    });
    const url = new URL(line);
    const token = url.searchParams.get('token') ?? '';
    const models_ = await fetch(`${url.origin}/api/models`, { headers: { 'X-Stormsmith-Token': token } });
    expect(models_.status).toBe(200);
    expect(((await models_.json()) as { path: string }[]).map((m) => m.path)).toEqual(['lending.yaml']);
    expect((await fetch(`${url.origin}/api/models`)).status).toBe(401);
    await access(path.join(models.dir, LOCK_FILE));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(access(path.join(models.dir, LOCK_FILE))).rejects.toThrow();
    expect(stderr).toBe('');
  });

  /** Runs `studio` until it prints its URL; returns what it printed and a stop function. */
  async function startStudio(args: string[], env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, [BIN, 'studio', models.dir, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { STORMSMITH_RENDERER_DIR: CANVAS, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(() => /token=\S+\n/.test(stdout), 'the studio URL', 30_000);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout)?.[1] ?? '';
    return { url, stderr: () => stderr, stop: async () => (child.kill('SIGTERM'), exited) };
  }

  it('opens the browser with the tokened URL unless --no-open', async () => {
    const bin = await makeTempFolder('stormsmith-bin-');
    try {
      const opened = path.join(bin.dir, 'opened.txt');
      const page = path.join(bin.dir, 'page.html');
      // The fake browser records its argument and the page behind it (removed when the studio exits).
      await bin.write('xdg-open', `#!/bin/sh\ncat "$(printf '%s' "$1" | sed 's#^file://##')" > '${page}'\nprintf '%s' "$1" > '${opened}'\n`);
      await chmod(path.join(bin.dir, 'xdg-open'), 0o755);
      const studio = await startStudio([], { ...process.env, PATH: `${bin.dir}${path.delimiter}${process.env.PATH ?? ''}` });
      await eventually(() => existsSync(opened), 'xdg-open to be called');
      await eventually(() => readFileSync(opened, 'utf8').length > 0, 'xdg-open to get its argument');
      // Issue 19: the tokened URL is not on the browser's command line, but in a private redirect page.
      const argument = readFileSync(opened, 'utf8');
      expect(argument).toMatch(/^file:\/\/.*open\.html$/);
      expect(argument).not.toContain('token');
      expect(readFileSync(page, 'utf8')).toContain(`url=${studio.url}`);
      expect(await studio.stop()).toBe(0);
    } finally {
      await bin.remove();
    }
  });

  it('only warns when no browser can be opened, and keeps serving', async () => {
    const empty = await makeTempFolder('stormsmith-bin-');
    try {
      const studio = await startStudio([], { ...process.env, PATH: empty.dir });
      await eventually(() => studio.stderr().includes('warning: could not open a browser'), 'the warning');
      const res = await fetch(`${new URL(studio.url).origin}/api/info`, { headers: { 'X-Stormsmith-Token': new URL(studio.url).searchParams.get('token') ?? '' } });
      expect(res.status).toBe(200);
      expect(await studio.stop()).toBe(0);
    } finally {
      await empty.remove();
    }
  });

  it('reports a port in use as E_PORT and releases the folder', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err: string[] = [];
      const io = { stdout: () => undefined, stderr: (t: string) => void err.push(t), cwd: models.dir, env: { STORMSMITH_RENDERER_DIR: CANVAS } };
      expect(await main(['studio', '.', '--port', String(port), '--no-open'], io)).toBe(2);
      expect(err.join('')).toMatch(new RegExp(`^error\\[E_PORT\\]: cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)\n  hint: `));
      await expect(access(path.join(models.dir, LOCK_FILE))).rejects.toThrow();
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('reports usage errors without a stack trace', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), cwd: models.dir, env: { STORMSMITH_RENDERER_DIR: CANVAS } };
    expect(await main(['studio', '--port', 'abc', '--no-open'], io)).toBe(2);
    expect(err.join('')).toMatch(/^error\[E_USAGE\]: --port must be an integer/);
    err.length = 0;
    expect(await main(['studio', path.join(models.dir, 'missing'), '--no-open'], io)).toBe(2);
    expect(err.join('')).toMatch(/missing:1:1: error\[E_NOT_FOUND\]: .*\n {2}hint: /);
  });

  it('refuses --against with a revision git does not know (E_GIT, exit 2) before taking the folder', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), cwd: models.dir, env: { STORMSMITH_RENDERER_DIR: CANVAS } };
    expect(await main(['studio', models.dir, '--against', 'no-such-branch', '--no-open'], io)).toBe(2);
    expect(err.join('')).toMatch(/^error\[E_GIT\]: .*\n {2}hint: /);
    err.length = 0;
    expect(await main(['studio', models.dir, '--against=--output=x', '--no-open'], io)).toBe(2);
    expect(err.join('')).toMatch(/^error\[E_GIT\]: not a git revision/);
    expect(existsSync(path.join(models.dir, LOCK_FILE))).toBe(false);
  });

  it('refuses to start without the built canvas, naming the exact command, and takes no lock', async () => {
    const err: string[] = [];
    const empty = path.join(models.dir, 'no-canvas');
    const io = { stdout: () => undefined, stderr: (t: string) => void err.push(t), cwd: models.dir, env: { STORMSMITH_RENDERER_DIR: empty } };
    expect(await main(['studio', '.', '--no-open'], io)).toBe(2);
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    expect(err.join('')).toBe(
      `error[E_NO_CANVAS]: the canvas is not built: ${path.join(empty, 'index.html')} is missing\n` +
        `  hint: build it with: npm --prefix ${JSON.stringify(path.resolve(repo))} run build   (npm ci runs it too)\n`,
    );
    await expect(access(path.join(models.dir, LOCK_FILE))).rejects.toThrow();
  });

  it('tells an installed package (no renderer sources) to reinstall', () => {
    expect(missingCanvas(path.join(models.dir, 'none'), models.dir)).toContain('hint: the package ships the canvas prebuilt; reinstall it: npm i -D stormsmith');
    expect(missingCanvas(CANVAS, models.dir)).toBeNull();
  });
});

describe('browser opener and token pick-up', () => {
  it('uses the platform opener', () => {
    expect(browserCommand('linux', 'http://x/')).toEqual({ command: 'xdg-open', args: ['http://x/'] });
    expect(browserCommand('darwin', 'http://x/')).toEqual({ command: 'open', args: ['http://x/'] });
    expect(browserCommand('win32', 'http://x/?a=1&b=2').args).toEqual(['/c', 'start', '""', 'http://x/?a=1^&b=2']);
  });

  it('takes the token from the URL once, keeps it for reloads, and removes it from the address bar', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const replaced: string[] = [];
    const history = { replaceState: (_: unknown, __: string, url?: string | URL | null) => void replaced.push(String(url)) };
    const first = studioConnectionFromLocation({ origin: 'http://127.0.0.1:4000', href: 'http://127.0.0.1:4000/?token=abc&x=1#n' }, storage, history);
    expect(first).toEqual({ baseUrl: 'http://127.0.0.1:4000', token: 'abc' });
    expect(replaced).toEqual(['/?x=1#n']);
    const reload = studioConnectionFromLocation({ origin: 'http://127.0.0.1:4000', href: 'http://127.0.0.1:4000/?x=1' }, storage, history);
    expect(reload?.token).toBe('abc');
    expect(studioConnectionFromLocation({ origin: 'http://127.0.0.1:4000', href: 'http://127.0.0.1:4000/' }, undefined, history)).toBeNull();
  });
});

describe('HTTP client answers', () => {
  const fakeFetch = (status: number, body: unknown) =>
    (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;

  it('returns a conflict or IO error WriteResult, but throws on a refusal body even with an accepted status', async () => {
    const { createHttpWorkspaceClient } = await import('../../app/shared/http-workspace-client.js');
    const conflict = { ok: false, reason: 'conflict', diskHash: null, diskText: null };
    expect(await createHttpWorkspaceClient({ baseUrl: 'http://x', token: 't', fetch: fakeFetch(409, conflict) }).writeModel('a.yaml', 'x', null)).toEqual(conflict);
    const ioError = { ok: false, reason: 'error', message: 'a.yaml: ENOSPC: no space' };
    expect(await createHttpWorkspaceClient({ baseUrl: 'http://x', token: 't', fetch: fakeFetch(500, ioError) }).writeModel('a.yaml', 'x')).toEqual(ioError);
    const internal = createHttpWorkspaceClient({ baseUrl: 'http://x', token: 't', fetch: fakeFetch(500, { error: { code: 'E_INTERNAL', message: 'boom' } }) });
    await expect(internal.writeModel('a.yaml', 'x')).rejects.toMatchObject({ status: 500, code: 'E_INTERNAL' });
  });
});

describe('the token never reaches a command line (issue 19)', () => {
  it('the browser is given a private redirect file, not the tokened URL', async () => {
    const { redirectFile } = await import('../../app/studio/open-browser.js');
    const url = 'http://127.0.0.1:4321/?token=0123456789abcdef';
    const { fileUrl, remove } = redirectFile(url);
    try {
      expect(fileUrl).toMatch(/^file:\/\//);
      expect(fileUrl).not.toContain('token');
      const { fileURLToPath } = await import('node:url');
      const file = fileURLToPath(fileUrl);
      const fsMod = await import('node:fs');
      expect(fsMod.statSync(file).mode & 0o777).toBe(0o600);
      expect(fsMod.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(fsMod.readFileSync(file, 'utf8')).toContain('url=http://127.0.0.1:4321/?token=0123456789abcdef');
      expect(browserCommand('linux', fileUrl).args.join(' ')).not.toContain('token');
    } finally {
      remove();
    }
  });
});
