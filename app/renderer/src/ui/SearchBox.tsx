// Find an element by name and jump to it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Model } from '../../../../generator/model/types.js';
import { STICKY_STYLES } from '../../model/kinds.js';
import { allElements, nodeIdOf, refOf } from '../../model/refs.js';

export function SearchBox(props: { model: Model; onJump: (nodeId: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const all = useMemo(() => allElements(props.model), [props.model]);
  const q = query.trim().toLowerCase();
  const results = q === '' ? [] : all.filter((e) => e.name.toLowerCase().includes(q)).slice(0, 30);
  const jump = (i: number) => {
    const el = results[i];
    if (!el) return;
    props.onJump(nodeIdOf(refOf(el)));
    props.onClose();
  };
  return (
    <div className="overlay" onMouseDown={props.onClose}>
      <div className="command-palette" data-testid="search" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          data-testid="search-input"
          placeholder="Find a sticky by name…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onClose();
            if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
            if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
            if (e.key === 'Enter') jump(active);
          }}
        />
        <ul>
          {results.map((el, i) => (
            <li key={nodeIdOf(refOf(el))} className={i === active ? 'active' : ''} data-testid="search-item" onMouseDown={() => jump(i)}>
              <span className="swatch" style={{ background: STICKY_STYLES[el.kind].color }} /> {el.name}{' '}
              <span className="muted">
                {STICKY_STYLES[el.kind].label} · {el.context}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
