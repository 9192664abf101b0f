// Renderer entry. In Electron (the preload exposed `window.stormsmith`) the desktop shell drives
// everything: folder opened, menu commands, unsaved-state reports and backups in main. Otherwise
// it picks the WorkspaceApi of the browser: the studio HTTP client when the page was opened with
// a studio token, or an in-memory demo of the library example (no disk at all), with unsaved
// edits journalled in localStorage.

// First: asks for the board before the rest of the code below is evaluated (early-board.ts).
import { earlyBoard, studioClient } from './early-board.js';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { StormsmithBridge } from '../../shared/ipc-contract.js';
import type { WorkspaceApi } from '../../shared/workspace-api.js';
import { LocalStorageBackupStore } from '../workspace/backup.js';
import { DesktopShell } from '../workspace/desktop-shell.js';
import { MemoryWorkspace } from '../workspace/memory-workspace.js';
import { Session } from '../workspace/session.js';
import { App } from './ui/App.js';
import { DesktopRoot } from './ui/DesktopRoot.js';
import './styles.css';
import demoModel from '../../../models/library/lending.yaml?raw';
import demoLayout from '../../../models/library/lending.layout.yaml?raw';

declare global {
  interface Window {
    /** Set by the Electron preload: the WorkspaceApi over IPC plus the shell's verbs. */
    stormsmith?: StormsmithBridge;
    /** The open session, for end-to-end tests and the benchmark. */
    __stormsmith?: Session;
    /** The React Flow instance (viewport control), for the benchmark. */
    __stormsmithFlow?: unknown;
  }
}

/**
 * The model core (YAML loader, serializer, validator and the yaml library: 200 of the canvas's
 * 740 KB) is its own chunk, fetched and compiled while the board is being requested. The
 * renderer's other modules import the core's YAML-free parts by path, never the barrel, so the
 * split holds (ADR 0045).
 */
const loadCore = () => import('../workspace/core.js').then((m) => m.modelCore);

function pickWorkspace(): WorkspaceApi {
  if (studioClient) return studioClient;
  return new MemoryWorkspace({ 'lending.yaml': demoModel, 'lending.layout.yaml': demoLayout }, { name: 'demo (in memory)', root: 'memory:demo', readOnly: false });
}

async function startDesktop(bridge: StormsmithBridge): Promise<void> {
  const shell = new DesktopShell(bridge, await loadCore());
  // Follows the open session, for the same tests and tools as in the browser.
  shell.subscribe(() => {
    window.__stormsmith = shell.getState().session;
  });
  createRoot(document.getElementById('root')!).render(
    <ReactFlowProvider>
      <DesktopRoot shell={shell} />
    </ReactFlowProvider>,
  );
  await shell.start();
}

async function start(): Promise<void> {
  if (window.stormsmith?.shell && window.stormsmith.backups) return startDesktop(window.stormsmith);
  const api = pickWorkspace();
  // The board is asked for at once (one request: files, loads, validation); its info names the journal.
  const board = api === studioClient ? earlyBoard : api.openBoard?.();
  const core = loadCore();
  const info = await (board ? board.then((b) => b.info) : api.info()).catch(() => ({ root: 'unknown' }));
  const session = new Session(api, await core, new LocalStorageBackupStore(window.localStorage, info.root));
  window.__stormsmith = session;
  const root = createRoot(document.getElementById('root')!);
  // Mounted now (the splash), not in a later task: the board then arrives as a store update,
  // rendered synchronously with React Flow's effects (its pane measured) before the first paint.
  // A board that arrived before the first mount was rendered by a deferred task whose effects ran
  // after a paint, so React Flow painted its nodes a frame later (shop: 105 -> 260 ms).
  flushSync(() =>
    root.render(
      <ReactFlowProvider>
        <App session={session} />
      </ReactFlowProvider>,
    ),
  );
  await session.open(board);
  // `stormsmith studio --against <ref>` opens the board in comparison mode.
  const against = new URL(window.location.href).searchParams.get('against');
  if (against) {
    const error = await session.comparison.open(against);
    if (error) session.notify({ kind: 'error', text: error });
  }
}

void start();
