// Find an element by name and jump to it.
import { useMemo } from 'react';
import type { Model } from '../../../../generator/model/types.js';
import { STICKY_STYLES } from '../../model/kinds.js';
import { allElements, nodeIdOf, refOf } from '../../model/refs.js';
import { PickerOverlay } from './PickerOverlay.js';

export function SearchBox(props: { model: Model; onJump: (nodeId: string) => void; onClose: () => void }) {
  const all = useMemo(() => allElements(props.model), [props.model]);
  const search = (query: string) => {
    const q = query.trim().toLowerCase();
    return q === '' ? [] : all.filter((e) => e.name.toLowerCase().includes(q)).slice(0, 30);
  };
  return (
    <PickerOverlay
      testId="search"
      inputTestId="search-input"
      itemTestId="search-item"
      placeholder="Find a sticky by name…"
      search={search}
      keyOf={(el) => nodeIdOf(refOf(el))}
      render={(el) => (
        <>
          <span className="swatch" style={{ background: STICKY_STYLES[el.kind].color }} /> {el.name}{' '}
          <span className="muted">
            {STICKY_STYLES[el.kind].label} · {el.context}
          </span>
        </>
      )}
      onPick={(el) => props.onJump(nodeIdOf(refOf(el)))}
      onClose={props.onClose}
    />
  );
}
