import { request as httpRequest } from 'node:http';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpWorkspaceClient, StudioRequestError } from '../../app/shared/http-workspace-client.js';
import type { WorkspaceChange } from '../../app/shared/workspace-api.js';
import { CONTENT_SECURITY_POLICY } from '../../app/studio/security-headers.js';
import { startStudioServer, type StudioServer } from '../../app/studio/studio-server.js';
import { contentHash } from '../../app/workspace/content-hash.js';
import { MAX_MODEL_BYTES, NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { eventually, makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';
import { loadModel, validateModel } from '../../generator/model/index.js';

const LENDING = 'stormsmith: 1\ncontext: Lending\n';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch does not let a test forge the Host header. */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('studio server', () => {
  let models: TempFolder;
  let renderer: TempFolder;
  let workspace: NodeWorkspace;
  let server: StudioServer;
  const api = (p: string, headers: Record<string, string> = {}, method = 'GET', body?: string) =>
    raw(server.port, { method, path: p, headers: { 'x-stormsmith-token': server.token, ...headers }, ...(body === undefined ? {} : { body }) });

  beforeEach(async () => {
    models = await makeTempFolder();
    renderer = await makeTempFolder('stormsmith-dist-');
    await models.write('lending.yaml', LENDING);
    await renderer.write('index.html', '<!doctype html><script type="module" src="/assets/app.js"></script>');
    await renderer.write('assets/app.js', 'console.log(1)');
    workspace = await NodeWorkspace.open(models.dir, { watch: { pollMs: 0, debounceMs: 20 } });
    server = await startStudioServer({ workspace, rendererDir: renderer.dir, port: 0 });
  });
  afterEach(async () => {
    await server.close();
    await workspace.close();
    await models.remove();
    await renderer.remove();
  });

  it('binds 127.0.0.1 only and prints a tokened URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses API requests without the token (401) and with a wrong one (403)', async () => {
    const missing = await raw(server.port, { path: '/api/models' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.code).toBe('E_TOKEN_MISSING');
    const wrong = await api('/api/models', { 'x-stormsmith-token': `${server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).error.code).toBe('E_TOKEN_INVALID');
    expect((await api('/api/events', { 'x-stormsmith-token': 'nope' })).status).toBe(403);
    expect((await api('/api/models')).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding), for the API and for pages', async () => {
    for (const host of ['evil.example:' + server.port, '127.0.0.1:1', 'localhost', '127.0.0.1.evil.example:' + server.port]) {
      const res = await api('/api/models', { host });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('E_BAD_HOST');
      expect((await raw(server.port, { path: '/', headers: { host } })).status).toBe(403);
    }
    expect((await api('/api/models', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin and cross-site fetch metadata, even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`]) {
      const res = await api('/api/models', { origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('E_BAD_ORIGIN');
    }
    expect((await api('/api/models', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('/api/models', { origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('serves the renderer with a strict CSP, falls back to index.html, and never serves outside dist', async () => {
    const page = await raw(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('/assets/app.js');
    const asset = await raw(server.port, { path: '/assets/app.js' });
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await raw(server.port, { path: '/board/lending' })).body).toContain('/assets/app.js');
    for (const p of ['/../' + path.basename(models.dir) + '/lending.yaml', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/.env']) {
      const res = await raw(server.port, { path: p });
      expect(res.body, p).not.toContain('stormsmith: 1');
      expect(res.body, p).not.toContain('root:');
    }
    await symlink('/etc/passwd', path.join(renderer.dir, 'assets', 'passwd.txt'));
    expect((await raw(server.port, { path: '/assets/passwd.txt' })).status).toBe(404);
  });

  it('serves a placeholder page when the renderer is not built', async () => {
    const other = await startStudioServer({ workspace, rendererDir: path.join(renderer.dir, 'missing'), port: 0 });
    try {
      const page = await raw(other.port, { path: '/' });
      expect(page.status).toBe(200);
      expect(page.body).toContain('has not been built yet');
    } finally {
      await other.close();
    }
  });

  it('refuses path traversal and non-model files through the API', async () => {
    const cases: [string, number, string][] = [
      ['../secret.yaml', 400, 'E_INVALID_PATH'],
      ['/etc/passwd', 400, 'E_INVALID_PATH'],
      ['package.json', 400, 'E_NOT_MODEL_FILE'],
      // Issue 19: only what the listing would show; one reserved-name/NFC check with apply.
      ['node_modules/pkg/x.yaml', 400, 'E_INVALID_PATH'],
      ['COM¹.yaml', 400, 'E_INVALID_PATH'],
      ['lpt².yaml', 400, 'E_INVALID_PATH'],
      ['cafe\u0301.yaml', 400, 'E_INVALID_PATH'],
      [`${'d/'.repeat(17)}x.yaml`, 400, 'E_INVALID_PATH'],
    ];
    for (const [p, status, code] of cases) {
      const read = await api(`/api/model?path=${encodeURIComponent(p)}`);
      expect([read.status, JSON.parse(read.body).error.code], p).toEqual([status, code]);
      const write = await api('/api/model', { 'content-type': 'application/json' }, 'PUT', JSON.stringify({ path: p, text: 'x', expectedHash: null }));
      expect([write.status, JSON.parse(write.body).error.code], p).toEqual([status, code]);
    }
    const outside = await makeTempFolder('stormsmith-outside-');
    try {
      await symlink(outside.dir, path.join(models.dir, 'escape'));
      const res = await api('/api/model', { 'content-type': 'application/json' }, 'PUT', JSON.stringify({ path: 'escape/x.yaml', text: 'x', expectedHash: null }));
      expect([res.status, JSON.parse(res.body).error.code]).toEqual([403, 'E_OUTSIDE_ROOT']);
    } finally {
      await outside.remove();
    }
  });

  it('refuses malformed write requests without writing', async () => {
    expect((await api('/api/model', { 'content-type': 'text/plain' }, 'PUT', JSON.stringify({ path: 'lending.yaml', text: 'x' }))).status).toBe(415);
    expect((await api('/api/model', { 'content-type': 'application/json' }, 'PUT', '{not json')).status).toBe(400);
    expect((await api('/api/model', { 'content-type': 'application/json' }, 'PUT', JSON.stringify({ path: 'lending.yaml', text: 1 }))).status).toBe(400);
    expect((await api('/api/model', { 'content-type': 'application/json' }, 'PUT', JSON.stringify({ path: 'lending.yaml', text: 'x', expectedHash: 'abc' }))).status).toBe(400);
    // Lost-update protection is on by default: a write without expectedHash is refused (issue 19).
    const blind = await api('/api/model', { 'content-type': 'application/json' }, 'PUT', JSON.stringify({ path: 'lending.yaml', text: 'x' }));
    expect([blind.status, JSON.parse(blind.body).error.code]).toEqual([400, 'E_BAD_REQUEST']);
    expect(await readFile(path.join(models.dir, 'lending.yaml'), 'utf8')).toBe(LENDING);
  });

  it('answers a write refused as too large or read-only with a 4xx JSON error, not 500 (issue 19)', async () => {
    const lendingHash = contentHash(LENDING);
    const big = await api('/api/model', { 'content-type': 'application/json' }, 'PUT', JSON.stringify({ path: 'lending.yaml', text: 'a'.repeat(MAX_MODEL_BYTES + 1), expectedHash: lendingHash }));
    expect([big.status, JSON.parse(big.body).error.code]).toEqual([413, 'E_TOO_LARGE']);
    const readOnly = await NodeWorkspace.open(models.dir, { watch: false, write: false });
    const roServer = await startStudioServer({ workspace: readOnly, rendererDir: renderer.dir, port: 0 });
    try {
      const res = await raw(roServer.port, {
        method: 'PUT',
        path: '/api/model',
        headers: { 'x-stormsmith-token': roServer.token, 'content-type': 'application/json' },
        body: JSON.stringify({ path: 'lending.yaml', text: 'x', expectedHash: lendingHash }),
      });
      expect([res.status, JSON.parse(res.body).error.code]).toEqual([409, 'E_READ_ONLY']);
      expect(JSON.parse(res.body).error.message).toMatch(/read-only/);
      // The HTTP client turns the refusal into a failed write, as the desktop app reports it.
      const viaClient = await createHttpWorkspaceClient({ baseUrl: `http://127.0.0.1:${roServer.port}`, token: roServer.token }).writeModel('lending.yaml', 'x', lendingHash);
      expect(viaClient).toMatchObject({ ok: false, reason: 'error', message: expect.stringMatching(/read-only/) });
    } finally {
      await roServer.close();
      await readOnly.close();
    }
    expect(await readFile(path.join(models.dir, 'lending.yaml'), 'utf8')).toBe(LENDING);
  });

  describe('through the HTTP client', () => {
    const client = () => createHttpWorkspaceClient({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token, reconnectMs: 50 });

    it('lists, reads and writes; a stale expectedHash is a conflict (409) that writes nothing', async () => {
      const c = client();
      expect((await c.info()).readOnly).toBe(false);
      expect(await c.listModels()).toEqual([{ path: 'lending.yaml', hash: contentHash(LENDING) }]);
      const file = await c.readModel('lending.yaml');
      expect(file.text).toBe(LENDING);
      const mine = `${LENDING}# mine\n`;
      expect(await c.writeModel('lending.yaml', mine, file.hash)).toEqual({ ok: true, hash: contentHash(mine) });
      const conflict = await c.writeModel('lending.yaml', `${LENDING}# stale\n`, file.hash);
      expect(conflict).toEqual({ ok: false, reason: 'conflict', diskHash: contentHash(mine), diskText: mine });
      expect(await readFile(path.join(models.dir, 'lending.yaml'), 'utf8')).toBe(mine);
      await expect(c.readModel('../x.yaml')).rejects.toMatchObject({ status: 400, code: 'E_INVALID_PATH' });
      await expect(c.readModel('nope.yaml')).rejects.toBeInstanceOf(StudioRequestError);
    });

    it('opens the whole board in one request: info, files, their loads and the validation (ADR 0044)', async () => {
      const board = await client().openBoard!();
      expect(board.info).toEqual(await client().info());
      expect(board.files).toEqual([{ path: 'lending.yaml', hash: contentHash(LENDING), text: LENDING }]);
      expect(board.loads).toEqual([loadModel([{ path: 'lending.yaml', text: LENDING }])]);
      expect(board.validation).toEqual(validateModel(loadModel([{ path: 'lending.yaml', text: LENDING }]).model!));
      const bad = createHttpWorkspaceClient({ baseUrl: `http://127.0.0.1:${server.port}`, token: 'wrong' });
      await expect(bad.openBoard!()).rejects.toMatchObject({ status: 403, code: 'E_TOKEN_INVALID' });
    });

    it('a wrong token is refused through the client too', async () => {
      const bad = createHttpWorkspaceClient({ baseUrl: `http://127.0.0.1:${server.port}`, token: 'wrong' });
      await expect(bad.listModels()).rejects.toMatchObject({ status: 403, code: 'E_TOKEN_INVALID' });
    });

    it('streams changes on disk as server-sent events, without echoing its own writes', async () => {
      const c = client();
      const seen: WorkspaceChange[] = [];
      let connected = false;
      const live = createHttpWorkspaceClient({
        baseUrl: `http://127.0.0.1:${server.port}`,
        token: server.token,
        onConnectionChange: (up) => (connected = up),
      });
      const stop = live.watch((change) => seen.push(change));
      try {
        await eventually(() => connected, 'the change stream');
        await c.writeModel('lending.yaml', 'own: 1\n', (await c.readModel('lending.yaml')).hash);
        await models.write('lending.yaml', 'external: 1\n');
        // A plain (non-atomic) external write may also be seen half-way (truncated); what counts:
        // the final content arrives, and our own save is never echoed back.
        await eventually(() => seen.at(-1)?.hash === contentHash('external: 1\n'), 'the external change');
        expect(seen.every((e) => e.path === 'lending.yaml' && e.kind === 'changed')).toBe(true);
        expect(seen.some((e) => e.hash === contentHash('own: 1\n'))).toBe(false);
      } finally {
        stop();
        live.close();
      }
    });

    it('reports, after a reconnect, what changed while the stream was down', async () => {
      const seen: WorkspaceChange[] = [];
      let connections = 0;
      const live = createHttpWorkspaceClient({
        baseUrl: `http://127.0.0.1:${server.port}`,
        token: server.token,
        reconnectMs: 50,
        onConnectionChange: (up) => {
          if (up) connections++;
        },
      });
      live.watch((change) => seen.push(change));
      try {
        await eventually(() => connections === 1, 'the first connection');
        // A first change proves the client has taken its initial listing (it does so before
        // reading further events), so the reconnect has something to compare against.
        await models.write('warmup.yaml', 'w: 1\n');
        await eventually(() => seen.some((c) => c.path === 'warmup.yaml'), 'the warm-up change');
        await server.close();
        await mkdir(path.join(models.dir, 'sub'));
        await models.write('sub/while-down.yaml', 'down: 1\n');
        await workspace.flushChanges();
        const port = server.port;
        server = await startStudioServer({ workspace, rendererDir: renderer.dir, port, token: server.token });
        await eventually(() => seen.some((c) => c.path === 'sub/while-down.yaml'), 'the missed change after reconnecting');
        expect(seen.filter((c) => c.path === 'sub/while-down.yaml')[0]).toEqual({ path: 'sub/while-down.yaml', kind: 'added', hash: contentHash('down: 1\n') });
      } finally {
        live.close();
      }
    });
  });
});
