// `shell.openExternal` hands a URL to the OS, which may run programs for odd schemes (ms-msdt:,
// smb:, file:). Only https and mailto pass, after parsing; credentials in the URL
// (`https://good.example@evil.example`) are refused because they disguise the real host.

export function safeExternalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.href;
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

export async function openExternalSafely(openExternal: (url: string) => Promise<void>, candidate: unknown, log: (message: string) => void): Promise<boolean> {
  const url = safeExternalUrl(candidate);
  if (url === null) {
    log(`blocked external URL ${JSON.stringify(String(candidate).slice(0, 200))}`);
    return false;
  }
  await openExternal(url);
  return true;
}
