// Modal questions: what goes with a delete, what to do when the disk changed under unsaved
// edits, whether to restore unsaved edits found in the journal.
import { useState } from 'react';
import type { Link } from '../../model/links.js';
import { RELATION_LABEL } from '../../model/grammar.js';
import type { ElementRef } from '../../model/refs.js';
import type { Conflict } from '../../workspace/session.js';

/** Asks for one name; stays open (showing why) while the board refuses it. */
export function NameDialog(props: { title: string; label: string; initial: string; error?: string; onSubmit: (name: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(props.initial);
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <form
        className="dialog"
        role="dialog"
        aria-label={props.title}
        data-testid="name-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(value);
        }}
      >
        <h3>{props.title}</h3>
        <label className="prop">
          <span>{props.label}</span>
          <input data-testid="name-dialog-input" value={value} autoFocus onFocus={(e) => e.currentTarget.select()} onChange={(e) => setValue(e.target.value)} />
        </label>
        {props.error ? (
          <p className="field-error" data-testid="name-dialog-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <div className="buttons">
          <button type="submit" data-testid="name-dialog-ok">
            OK
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

export function DeleteDialog(props: { refs: ElementRef[]; links: Link[]; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-label="Delete" data-testid="delete-dialog">
        <h3>
          Delete {props.refs.length === 1 ? props.refs[0]!.name : `${props.refs.length} stickies`}?
        </h3>
        {props.links.length > 0 ? (
          <>
            <p>These links go with it:</p>
            <ul data-testid="delete-links">
              {props.links.map((l, i) => (
                <li key={i}>
                  {l.source.name} <em>{RELATION_LABEL[l.relation]}</em> {l.target.name}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No links go with it.</p>
        )}
        <div className="buttons">
          <button type="button" data-testid="delete-confirm" onClick={props.onConfirm} autoFocus>
            Delete
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

export function ConflictDialog(props: { conflict: Conflict; onKeepMine: () => void; onTakeTheirs: () => void }) {
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-label="File changed on disk" data-testid="conflict-dialog">
        <h3>{props.conflict.path} changed on disk</h3>
        <p>You have unsaved edits to this file. Your edits are kept in the backup journal until you choose.</p>
        <details>
          <summary>Show the version on disk</summary>
          <pre className="diff">{props.conflict.diskText ?? '(deleted)'}</pre>
        </details>
        <div className="buttons">
          <button type="button" data-testid="conflict-keep-mine" onClick={props.onKeepMine}>
            Keep mine (overwrite on save)
          </button>
          <button type="button" data-testid="conflict-take-theirs" onClick={props.onTakeTheirs}>
            Take theirs (drop my edits to this file)
          </button>
        </div>
      </div>
    </div>
  );
}

export function RecoveryDialog(props: { paths: string[]; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-label="Unsaved edits found" data-testid="recovery-dialog">
        <h3>Unsaved edits found</h3>
        <p>The last session left unsaved edits to: {props.paths.join(', ')}.</p>
        <div className="buttons">
          <button type="button" data-testid="recovery-restore" onClick={props.onRestore}>
            Restore them
          </button>
          <button type="button" data-testid="recovery-discard" onClick={props.onDiscard}>
            Discard
          </button>
        </div>
      </div>
    </div>
  );
}
