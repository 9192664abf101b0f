// What `stormsmith generate` would change for the saved model: files with their status and
// diffs, and a button to run it. After a run, the panel shows what the run wrote and a fresh
// preview of what is left (nothing, when the run wrote everything).
import { useState } from 'react';
import type { GenerationPreview } from '../../../shared/workspace-api.js';

export interface GenerationPanelProps {
  preview: GenerationPreview | undefined;
  lastRun: GenerationPreview | undefined;
  busy: boolean;
  dirty: boolean;
  onPreview: () => void;
  onRun: () => void;
  /** The opened folder's name, for the example config. */
  modelName?: string;
}

export function GenerationPanel(props: GenerationPanelProps) {
  const { preview, lastRun, busy, dirty, onPreview, onRun } = props;
  const [open, setOpen] = useState<string | undefined>();
  const changed = preview?.files.filter((f) => f.status !== 'unchanged') ?? [];
  const written = lastRun?.files.filter((f) => f.status !== 'unchanged').length ?? 0;
  // Not a model problem: nobody said where the code goes (the studio has no default on purpose).
  const noConfig = preview?.diagnostics.some((d) => d.code === 'E_NO_OUTPUT_CONFIG') ?? false;
  const drafts = preview?.diagnostics.some((d) => d.code === 'E_DRAFTS') ?? false;
  const modelName = props.modelName ?? 'my-model';
  return (
    <div className="generation" data-testid="generation" data-busy={busy ? 'yes' : 'no'}>
      <div className="toolbar">
        <button type="button" data-testid="generation-preview" onClick={onPreview} disabled={busy}>
          Preview
        </button>
        <button type="button" data-testid="generation-run" onClick={onRun} disabled={!preview || !preview.ok || busy}>
          Run generate
        </button>
        {busy ? <span className="muted">Working…</span> : null}
        {dirty ? <span className="muted">Generation uses the saved model: save first to include your edits.</span> : null}
      </div>
      {lastRun ? (
        <p data-testid="generation-last-run" data-written={written}>
          Last run: {lastRun.ok ? `${written} ${written === 1 ? 'file' : 'files'} written.` : 'refused (see the problems below).'}
        </p>
      ) : null}
      {preview ? (
        <>
          {noConfig ? (
            <div className="generation-setup" data-testid="generation-setup">
              <strong>Generation is not set up for this folder yet: nothing would be written.</strong>
              <p>
                Stormsmith writes code only where the repository says, in <code>stormsmith.config.json</code> (looked up from the model folder
                upwards). Create it at the root of the repository that holds this model, for example:
              </p>
              <pre>{`{ "model": "models/${modelName}", "out": "services/${modelName}" }`}</pre>
              <p className="muted">Then press Preview again. (`stormsmith init` writes this file for a new project.)</p>
            </div>
          ) : (
            <p data-testid="generation-summary" data-changed={changed.length}>
              {preview.ok ? '' : drafts ? 'The model has drafts to settle first; nothing would be written. ' : 'The model has errors; nothing would be written. '}
              {changed.length} of {preview.files.length} files would change.
            </p>
          )}
          {preview.diagnostics.length > 0 && !noConfig ? (
            <ul className="problems">
              {preview.diagnostics.map((d, i) => (
                <li key={i} className={`problem ${d.severity}`} data-testid="generation-diagnostic" data-code={d.code} data-severity={d.severity}>
                  <code>{d.code}</code> {d.message} ({d.file}:{d.line}:{d.col}){d.hint ? <span className="muted"> — {d.hint}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <ul className="gen-files">
            {preview.files.map((f) => (
              <li key={f.path} data-testid="generation-file" data-status={f.status} data-path={f.path}>
                <button type="button" onClick={() => setOpen(open === f.path ? undefined : f.path)} disabled={!f.diff}>
                  <span className={`status ${f.status}`}>{f.status}</span> {f.path}
                  {f.status === 'added' ? <span className="muted"> (new file)</span> : null}
                </button>
                {open === f.path && f.diff ? (
                  <pre className="diff" data-testid="generation-diff">
                    {f.diff}
                  </pre>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Press Preview to see what generate would change.</p>
      )}
    </div>
  );
}
