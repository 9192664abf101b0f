// The overlay shared by the command palette and the search box: a focused input that filters a
// list, arrow keys to move, Enter or a click to pick, Escape or a click outside to close.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface PickerOverlayProps<T> {
  testId: string;
  inputTestId: string;
  itemTestId: string;
  placeholder: string;
  /** The items for a query, in the order shown. */
  search: (query: string) => T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Called with the picked item; the overlay closes first. */
  onPick: (item: T) => void;
  onClose: () => void;
  /** Items shown but not pickable (the command palette lists disabled actions with the reason). */
  isDisabled?: (item: T) => boolean;
}

export function PickerOverlay<T>(props: PickerOverlayProps<T>) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const results = props.search(query);
  const pick = (item: T | undefined) => {
    if (item === undefined || props.isDisabled?.(item)) return;
    props.onClose();
    props.onPick(item);
  };
  return (
    <div className="overlay" onMouseDown={props.onClose}>
      <div className="command-palette" data-testid={props.testId} onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          data-testid={props.inputTestId}
          placeholder={props.placeholder}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onClose();
            if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
            if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
            if (e.key === 'Enter') {
              // No keypress may follow: it would reach (and submit) a dialog the picked action opens.
              e.preventDefault();
              pick(results[active]);
            }
          }}
        />
        <ul>
          {results.map((item, i) => (
            <li
              key={props.keyOf(item)}
              className={`${i === active ? 'active' : ''}${props.isDisabled?.(item) ? ' disabled' : ''}`}
              aria-disabled={props.isDisabled?.(item) ? true : undefined}
              data-testid={props.itemTestId}
              onMouseDown={() => pick(item)}
            >
              {props.render(item)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
