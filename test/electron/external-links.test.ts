import { describe, expect, it } from 'vitest';
import { openExternalSafely, safeExternalUrl } from '../../app/main/external-links.js';

describe('external links', () => {
  it.each([
    ['https://github.com/stormsmith', 'https://github.com/stormsmith'],
    ['HTTPS://Example.COM/a b', 'https://example.com/a%20b'],
    ['mailto:team@example.com?subject=hi', 'mailto:team@example.com?subject=hi'],
  ])('passes %s', (input, normalised) => {
    expect(safeExternalUrl(input)).toBe(normalised);
  });

  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'smb://attacker/share',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'https://github.com@evil.example/',
    'https://user:pass@example.com/',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
    '',
  ])('blocks %s', (input) => {
    expect(safeExternalUrl(input)).toBeNull();
  });

  it('blocks non-strings and logs what it blocked', async () => {
    const opened: string[] = [];
    const logs: string[] = [];
    expect(await openExternalSafely(async (u) => void opened.push(u), { href: 'https://x' }, (m) => logs.push(m))).toBe(false);
    expect(await openExternalSafely(async (u) => void opened.push(u), 'file:///x', (m) => logs.push(m))).toBe(false);
    expect(await openExternalSafely(async (u) => void opened.push(u), 'https://ok.example/', (m) => logs.push(m))).toBe(true);
    expect(opened).toEqual(['https://ok.example/']);
    expect(logs).toHaveLength(2);
  });
});
