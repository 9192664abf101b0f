// The sticky palette: drag a kind onto the board, click it, or press its key.
import type { ElementKind } from '../../../../generator/model/types.js';
import { PALETTE_KINDS, STICKY_STYLES } from '../../model/kinds.js';
import { PALETTE_MIME } from './Board.js';

export function Palette(props: { onAdd: (kind: ElementKind) => void }) {
  return (
    <nav className="palette" data-testid="palette" aria-label="Sticky palette">
      {PALETTE_KINDS.map((kind) => {
        const s = STICKY_STYLES[kind];
        return (
          <button
            key={kind}
            type="button"
            draggable
            data-testid={`palette-${kind}`}
            className="palette-item"
            style={{ background: s.color, borderColor: s.accent }}
            title={`${s.label} — drag onto the board, or press ${s.key.toUpperCase()}`}
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, kind);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => props.onAdd(kind)}
          >
            <span>{s.label}</span>
            <kbd>{s.key.toUpperCase()}</kbd>
          </button>
        );
      })}
    </nav>
  );
}
