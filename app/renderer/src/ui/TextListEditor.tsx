// One line per item (invariants, reserved names): edited as a textarea, committed on blur.
import { useEffect, useState, type RefObject } from 'react';

export function TextListEditor(props: { label: string; items: string[]; onChange: (items: string[]) => void; testId: string }) {
  const [text, setText] = useState(props.items.join('\n'));
  useEffect(() => setText(props.items.join('\n')), [props.items]);
  return (
    <label className="prop">
      <span>{props.label}</span>
      <textarea
        data-testid={props.testId}
        rows={Math.max(2, props.items.length + 1)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const items = text.split('\n').map((s) => s.trim()).filter(Boolean);
          if (items.join('\n') !== props.items.join('\n')) props.onChange(items);
        }}
      />
    </label>
  );
}

/**
 * A text input that commits on blur or Enter (one undo step per edit, not per keystroke). When
 * the board refuses the value (`onCommit` returns false), the field shows the value it has again.
 */
export function CommitInput(props: {
  value: string;
  onCommit: (v: string) => boolean | void;
  testId: string;
  label: string;
  multiline?: boolean;
  /** One logical line that wraps to show all of it (long names are never cut off); Enter commits. */
  wrap?: boolean;
  type?: string;
  /** Given the field's element (the app focuses the name field through it: Rename, F2). */
  fieldRef?: RefObject<HTMLElement | null>;
}) {
  const [v, setV] = useState(props.value);
  const attach = (el: HTMLElement | null) => {
    if (props.fieldRef) props.fieldRef.current = el;
  };
  useEffect(() => setV(props.value), [props.value]);
  const commit = () => {
    if (v !== props.value && props.onCommit(v) === false) setV(props.value);
  };
  return (
    <label className="prop">
      <span>{props.label}</span>
      {props.wrap ? (
        <textarea
          ref={attach}
          className="wrap-input"
          data-testid={props.testId}
          value={v}
          rows={1}
          onChange={(e) => setV(e.target.value.replace(/\n/g, ''))}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
            if (e.key === 'Escape') setV(props.value);
          }}
        />
      ) : props.multiline ? (
        <textarea ref={attach} data-testid={props.testId} value={v} rows={3} onChange={(e) => setV(e.target.value)} onBlur={commit} />
      ) : (
        <input
          ref={attach}
          data-testid={props.testId}
          type={props.type ?? 'text'}
          value={v}
          onChange={(e) => setV(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setV(props.value);
          }}
        />
      )}
    </label>
  );
}
