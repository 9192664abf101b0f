// What `stormsmith generate` would change for the saved model: files with their status and
// diffs, and a button to run it.
import { useState } from 'react';
import type { GenerationPreview } from '../../../shared/workspace-api.js';

export function GenerationPanel(props: { preview: GenerationPreview | undefined; dirty: boolean; onPreview: () => void; onRun: () => void }) {
  const { preview, dirty, onPreview, onRun } = props;
  const [open, setOpen] = useState<string | undefined>();
  const changed = preview?.files.filter((f) => f.status !== 'unchanged') ?? [];
  return (
    <div className="generation" data-testid="generation">
      <div className="toolbar">
        <button type="button" data-testid="generation-preview" onClick={onPreview}>
          Preview
        </button>
        <button type="button" data-testid="generation-run" onClick={onRun} disabled={!preview}>
          Run generate
        </button>
        {dirty ? <span className="muted">Generation uses the saved model: save first to include your edits.</span> : null}
      </div>
      {preview ? (
        <>
          <p data-testid="generation-summary">
            {preview.ok ? '' : 'The model has errors; nothing would be written. '}
            {changed.length} of {preview.files.length} files would change.
          </p>
          {preview.diagnostics.length > 0 ? (
            <ul className="problems">
              {preview.diagnostics.map((d, i) => (
                <li key={i} className={`problem ${d.severity}`} data-testid="generation-diagnostic" data-code={d.code}>
                  <code>{d.code}</code> {d.message} ({d.file}:{d.line}:{d.col})
                </li>
              ))}
            </ul>
          ) : null}
          <ul className="gen-files">
            {preview.files.map((f) => (
              <li key={f.path} data-testid="generation-file" data-status={f.status}>
                <button type="button" onClick={() => setOpen(open === f.path ? undefined : f.path)} disabled={!f.diff}>
                  <span className={`status ${f.status}`}>{f.status}</span> {f.path}
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
