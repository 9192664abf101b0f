// Defence in depth for the CSP: the app:// handler already sends it with every page, and this
// adds it to any other response the session sees (there should be none), so a page that somehow
// loads from elsewhere still runs under the same policy. The literal below must equal the
// studio's CONTENT_SECURITY_POLICY (a unit test holds them together); it is written out so the
// Electronegativity gate can evaluate it.

export interface HeaderSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
      ) => void,
    ): void;
  };
}

export function installContentSecurityPolicy(session: HeaderSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
}
