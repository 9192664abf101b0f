// The legend of comparison mode: which revision, what the marks mean, how many of each, and the
// way out. Drawn over the board's corner while the board is compared with a git revision.

import type { ComparisonState } from '../../workspace/comparison-store.js';

const MARKS = [
  ['added', 'added since the revision'],
  ['changed', 'changed (hover for what)'],
  ['renamed', 'renamed'],
  ['removed', 'removed (ghost)'],
] as const;

export function ComparisonLegend(props: { state: ComparisonState; dirty: boolean; onLeave: () => void }) {
  const { state } = props;
  const summary = state.comparison?.summary ?? {};
  return (
    <aside className="compare-legend" data-testid="compare-legend" data-status={state.status} aria-label="Comparison legend">
      <div className="compare-title">
        Changes against <code data-testid="compare-ref">{state.comparison?.ref ?? state.ref}</code>
      </div>
      {state.status === 'loading' ? <div className="compare-headline">Comparing…</div> : <div className="compare-headline" data-testid="compare-headline">{state.comparison?.headline}</div>}
      <ul>
        {MARKS.map(([mark, text]) => (
          <li key={mark}>
            <span className={`compare-swatch compare-${mark}`} />
            {text}
            {summary[mark] ? <strong> {summary[mark]}</strong> : null}
          </li>
        ))}
        <li>
          <span className="compare-swatch compare-arrow-added" />
          new arrow; dashed: arrow removed
        </li>
      </ul>
      {/* The diff is of the saved files: unsaved edits are not in it (a save compares again). */}
      {props.dirty ? <p className="compare-note">Unsaved edits are not compared yet: saving compares again.</p> : null}
      <button type="button" data-testid="compare-leave" onClick={props.onLeave}>
        Leave comparison
      </button>
    </aside>
  );
}
