// The first module main.tsx imports, so it runs before React, React Flow and the canvas's own
// modules are evaluated: under `stormsmith studio` it asks for the board at once (ADR 0044), and
// the request is answered while the rest of the code starts. Everything else stays in main.tsx.
import { createHttpWorkspaceClient, studioConnectionFromLocation, type HttpWorkspaceClient } from '../../shared/http-workspace-client.js';
import type { BoardSnapshot } from '../../shared/workspace-api.js';

/** The studio's client, when the page was opened with a studio token (never in Electron, whose preload runs first). */
export const studioClient: HttpWorkspaceClient | undefined = (() => {
  if (typeof window === 'undefined' || window.stormsmith) return undefined;
  const connection = studioConnectionFromLocation(window.location);
  return connection ? createHttpWorkspaceClient(connection) : undefined;
})();

/** The board, requested now; the session takes it over (a failure is reported there). */
export const earlyBoard: Promise<BoardSnapshot> | undefined = studioClient?.openBoard?.();
// Handled here too, so a failure before main.tsx awaits it is not an unhandled rejection.
earlyBoard?.catch(() => undefined);
