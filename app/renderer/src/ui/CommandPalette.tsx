// Command palette (Ctrl+K): every action of the registry, filtered as you type.
import { useEffect, useRef, useState } from 'react';
import { isEnabled, searchActions, type Action, type ActionHost } from '../../model/actions.js';
import { shortcutLabel } from '../../model/shortcuts.js';

export function CommandPalette(props: { host: ActionHost; isMac: boolean; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const results = searchActions(query).filter((a) => isEnabled(a, props.host));
  const run = (a: Action | undefined) => {
    if (!a) return;
    props.onClose();
    a.run(props.host);
  };
  return (
    <div className="overlay" onMouseDown={props.onClose}>
      <div className="command-palette" data-testid="command-palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          data-testid="command-input"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onClose();
            if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
            if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
            if (e.key === 'Enter') run(results[active]);
          }}
        />
        <ul>
          {results.map((a, i) => (
            <li key={a.id} className={i === active ? 'active' : ''} data-testid="command-item" onMouseDown={() => run(a)}>
              <span className="menu-name">{a.menu}:</span> {a.label}
              {a.shortcuts?.[0] ? <kbd>{shortcutLabel(a.shortcuts[0], props.isMac)}</kbd> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
