// Renderer entry. Picks the WorkspaceApi of the shell it runs in: the studio HTTP client when
// the page was opened with a studio token, an Electron bridge when the preload exposed one, or
// an in-memory demo of the library example otherwise (no disk at all).

import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import { createHttpWorkspaceClient, studioConnectionFromLocation } from '../../shared/http-workspace-client.js';
import type { WorkspaceApi } from '../../shared/workspace-api.js';
import { LocalStorageBackupStore } from '../workspace/backup.js';
import { modelCore } from '../workspace/core.js';
import { MemoryWorkspace } from '../workspace/memory-workspace.js';
import { Session } from '../workspace/session.js';
import { App } from './ui/App.js';
import './styles.css';
import demoModel from '../../../models/library/lending.yaml?raw';
import demoLayout from '../../../models/library/lending.layout.yaml?raw';

declare global {
  interface Window {
    /** Set by the Electron preload: the same WorkspaceApi over IPC. */
    stormsmith?: { workspace?: WorkspaceApi };
    /** The open session, for end-to-end tests and the benchmark. */
    __stormsmith?: Session;
    /** The React Flow instance (viewport control), for the benchmark. */
    __stormsmithFlow?: unknown;
  }
}

function pickWorkspace(): WorkspaceApi {
  if (window.stormsmith?.workspace) return window.stormsmith.workspace;
  const connection = studioConnectionFromLocation(window.location);
  if (connection) return createHttpWorkspaceClient(connection);
  return new MemoryWorkspace({ 'lending.yaml': demoModel, 'lending.layout.yaml': demoLayout }, { name: 'demo (in memory)', root: 'memory:demo', readOnly: false });
}

async function start(): Promise<void> {
  const api = pickWorkspace();
  const info = await api.info().catch(() => ({ root: 'unknown' }));
  const session = new Session(api, modelCore, new LocalStorageBackupStore(window.localStorage, info.root));
  window.__stormsmith = session;
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <ReactFlowProvider>
      <App session={session} />
    </ReactFlowProvider>,
  );
  await session.open();
}

void start();
