import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, isAppUrl } from '../../app/main/app-protocol.js';
import { installContentSecurityPolicy } from '../../app/main/content-security.js';
import { denyAllPermissions } from '../../app/main/permissions.js';
import { CONTENT_SECURITY_POLICY } from '../../app/studio/security-headers.js';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

describe('app:// protocol', () => {
  let dist: TempFolder;
  beforeEach(async () => {
    dist = await makeTempFolder('stormsmith-dist-');
    await dist.write('index.html', '<!doctype html><title>canvas</title>');
    await dist.write('assets/app.js', 'export {}');
  });
  afterEach(() => dist.remove());

  it('recognises only its own origin, after parsing', () => {
    expect(isAppUrl('app://stormsmith/index.html')).toBe(true);
    for (const url of ['app://stormsmith.evil/', 'app://evil/stormsmith', 'file:///stormsmith', 'https://stormsmith/', 'app://u@stormsmith/', 'nonsense']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const handle = createAppProtocolHandler(dist.dir);
    const page = await handle(new Request('app://stormsmith/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('canvas');
    expect((await handle(new Request('app://stormsmith/assets/app.js'))).headers.get('content-type')).toMatch(/javascript/);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    // Dot segments are resolved by the URL parser; what is left is looked up inside dist only
    // (here: the single-page fallback), never /etc/passwd.
    expect(await (await handle(new Request('app://stormsmith/%2e%2e/%2e%2e/etc/passwd'))).text()).toContain('canvas');
    expect((await handle(new Request('app://stormsmith/assets/..%2f..%2f..%2fetc%2fpasswd.txt'))).status).toBe(404);
    await symlink('/etc/passwd', path.join(dist.dir, 'assets', 'pw.txt'));
    expect((await handle(new Request('app://stormsmith/assets/pw.txt'))).status).toBe(404);
    expect((await handle(new Request('app://stormsmith/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('session hardening', () => {
  it('adds the same CSP as the studio to every other response', () => {
    let listener: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[] | string> }) => void) => void) | undefined;
    installContentSecurityPolicy({ webRequest: { onHeadersReceived: (l) => void (listener = l) } });
    let answered: Record<string, string[] | string> | undefined;
    listener?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => void (answered = r.responseHeaders));
    expect(answered).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    const logs: string[] = [];
    denyAllPermissions({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) }, (m) => logs.push(m));
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      request?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(check?.({}, permission)).toBe(false);
    }
    expect(logs).toHaveLength(5);
  });
});
