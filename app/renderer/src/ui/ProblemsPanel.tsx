// Problems of the current (unsaved) model, as the validator reports them. Click to focus the
// sticky a problem belongs to.
import type { Diagnostic } from '../../../../generator/model/types.js';

export function ProblemsPanel(props: { diagnostics: Diagnostic[]; targets: (string | undefined)[]; onFocus: (nodeId: string) => void }) {
  const { diagnostics, targets, onFocus } = props;
  if (diagnostics.length === 0) return <p className="muted" data-testid="problems-empty">No problems.</p>;
  return (
    <ul className="problems" data-testid="problems">
      {diagnostics.map((d, i) => {
        const target = targets[i];
        return (
          <li key={i} className={`problem ${d.severity}`} data-testid="problem" data-code={d.code} data-target={target ?? ''}>
            <button type="button" disabled={!target} onClick={() => target && onFocus(target)}>
              <span className="sev">{d.severity}</span> <code>{d.code}</code> {d.message}
              <span className="where">
                {d.file}:{d.line}:{d.col}
              </span>
            </button>
            {d.hint ? <div className="hint">hint: {d.hint}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
