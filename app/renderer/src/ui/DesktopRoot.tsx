// The desktop (Electron) frame around the board: a start screen until a folder is open, then the
// board of the open folder, remounted for every folder main opens.
import { useSyncExternalStore } from 'react';
import type { DesktopShell } from '../../workspace/desktop-shell.js';
import { App } from './App.js';

export function DesktopRoot({ shell }: { shell: DesktopShell }) {
  const state = useSyncExternalStore(shell.subscribe, shell.getState);
  if (state.status === 'open' && state.session) {
    return <App key={state.sessionNumber} session={state.session} menuCommands={shell.onMenuCommand} />;
  }
  if (state.status === 'starting' || state.status === 'opening') return <div className="splash">Opening model…</div>;
  return (
    <div className="splash" data-testid="no-folder">
      <p>{state.status === 'failed' ? `The folder could not be opened: ${state.error ?? 'unknown error'}` : 'Open the folder that holds your model’s .yaml files.'}</p>
      {state.status !== 'failed' && state.error ? <p role="alert">{state.error}</p> : null}
      <button type="button" data-testid="open-folder" onClick={() => void shell.pickFolder()}>
        Open folder…
      </button>
    </div>
  );
}
