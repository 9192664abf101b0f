// One sticky. Memoised and sized up front; when the board is zoomed far out it renders as a
// plain coloured rectangle (level of detail), which is what keeps 1000+ stickies fluid at fit.

import { Handle, NodeResizeControl, Position, ResizeControlVariant, type NodeProps, type ResizeParams } from '@xyflow/react';
import { createContext, Fragment, memo, useContext, useState } from 'react';
import { nameSegments } from '../../model/wrap.js';
import type { ElementRef } from '../../model/refs.js';
import type { StickyNode as StickyNodeType } from '../../model/graph.js';
import { STICKY_STYLES } from '../../model/kinds.js';

/** True when the board is zoomed out past the point where text is readable. */
export const FarZoomContext = createContext(false);

/** The name with wrap opportunities at word and camelCase boundaries only. */
function WrappedName(props: { name: string }) {
  const parts = nameSegments(props.name);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {p}
        </Fragment>
      ))}
    </>
  );
}

/** What a sticky can ask of the board (React Flow nodes get data, not callbacks). */
export const StickyActionsContext = createContext<{ rename: (ref: ElementRef, to: string) => boolean }>({ rename: () => false });

/** The name, edited in place: Enter commits, Escape or a refused name puts the old one back. */
function InPlaceName(props: { name: string; onDone: (to: string | undefined) => void }) {
  const [value, setValue] = useState(props.name);
  return (
    <input
      className="sticky-name-input nodrag nopan"
      data-testid="sticky-name-input"
      value={value}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => props.onDone(value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') props.onDone(value);
        if (e.key === 'Escape') props.onDone(undefined);
      }}
    />
  );
}

/** The corner tag of a sticky in comparison mode. */
const COMPARE_TAG = { added: '+ added', changed: '~ changed', renamed: '~ renamed', removed: '− removed' } as const;

function StickyNodeView({ data, selected }: NodeProps<StickyNodeType>) {
  const far = useContext(FarZoomContext);
  const actions = useContext(StickyActionsContext);
  const [editing, setEditing] = useState(false);
  const style = STICKY_STYLES[data.kind];
  const problems = data.problems;
  const badge = problems && problems.errors + problems.warnings > 0;
  if (far) {
    return (
      <div
        className={`sticky far${selected ? ' selected' : ''}${badge ? (problems.errors > 0 ? ' has-errors' : ' has-warnings') : ''}${data.compare ? ` compare-${data.compare.mark}` : ''}${data.ghost ? ' ghost' : ''}`}
        style={{ background: style.color }}
        data-testid="sticky"
        data-kind={data.kind}
        data-name={data.name}
        data-compare={data.compare?.mark}
      >
        <Handle type="target" position={Position.Left} className="handle" />
        {/* Level of detail: far out, only the name, scaled up so it stays readable (board.tsx sets --zoom). */}
        <div className="far-name">{data.name}</div>
        <Handle type="source" position={Position.Right} className="handle" />
      </div>
    );
  }
  const compare = data.compare;
  return (
    <div
      className={`sticky kind-${data.kind}${selected ? ' selected' : ''}${data.draft ? ' draft' : ''}${compare ? ` compare-${compare.mark}` : ''}${data.ghost ? ' ghost' : ''}`}
      style={{ background: style.color, borderColor: selected ? '#111' : style.accent }}
      data-testid="sticky"
      data-kind={data.kind}
      data-name={data.name}
      data-draft={data.draft ? 'yes' : undefined}
      data-compare={compare?.mark}
      title={compare ? compare.notes.join('\n') : `${style.label}: ${data.name}${data.draft ? ' (draft: not settled yet)' : ''}`}
    >
      {compare ? (
        <div className={`compare-tag compare-${compare.mark}`} data-testid="compare-tag">
          {COMPARE_TAG[compare.mark]}
        </div>
      ) : null}
      <Handle type="target" position={Position.Left} className="handle" data-testid="handle-in" title="Incoming: drop an arrow here" />
      <div className="sticky-kind" style={{ color: style.accent }}>
        {style.label}
        {data.draft ? <span className="draft-tag">draft</span> : null}
      </div>
      {editing ? (
        <InPlaceName
          name={data.name}
          onDone={(to) => {
            setEditing(false);
            if (to !== undefined && to !== data.name) actions.rename(data.ref, to);
          }}
        />
      ) : (
        <div className="sticky-name nopan" onDoubleClick={() => setEditing(true)} title="Double-click to rename">
          <WrappedName name={data.name} />
        </div>
      )}
      {data.detail ? <div className="sticky-detail">{data.detail}</div> : null}
      {badge ? (
        <div
          className={`badge ${problems.errors > 0 ? 'error' : 'warning'}`}
          data-testid="badge"
          title={problems.first}
          aria-label={`${problems.errors} errors, ${problems.warnings} warnings`}
        >
          {problems.errors + problems.warnings}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} className="handle" data-testid="handle-out" title="Drag from here to another sticky to connect" />
    </div>
  );
}

export const StickyNode = memo(StickyNodeView);

/** What a frame can ask of the board (React Flow nodes get data, not callbacks). */
export const FrameActionsContext = createContext<{ rename: (context: string) => void; place: (context: string, rect: ResizeParams) => void }>({ rename: () => {}, place: () => {} });

function FrameNodeView({ data }: NodeProps<import('../../model/graph.js').FrameNode>) {
  const actions = useContext(FrameActionsContext);
  // Resized from the right and the bottom only: the frame's corner is its stickies' origin, so
  // these keep a resize to one line of the sidecar (ADR 0042).
  const resize = { minWidth: data.minWidth, minHeight: data.minHeight, onResizeEnd: (_e: unknown, p: ResizeParams) => actions.place(data.context, p) };
  return (
    <div className={`frame${data.ghost ? ' ghost' : ''}`} data-testid="frame" data-context={data.context} data-placed={data.placed ? 'yes' : undefined} data-compare={data.ghost ? 'removed' : undefined}>
      {/* A ghost frame (comparison mode: a context removed since the revision) is only drawn. */}
      {data.ghost ? null : (
        <>
          <NodeResizeControl {...resize} variant={ResizeControlVariant.Line} position="right" className="frame-resize" />
          <NodeResizeControl {...resize} variant={ResizeControlVariant.Line} position="bottom" className="frame-resize" />
          <NodeResizeControl {...resize} position="bottom-right" className="frame-resize frame-resize-corner">
            <div data-testid="frame-resize" title="Drag to resize the bounded context" />
          </NodeResizeControl>
        </>
      )}
      <div className="frame-title nopan" data-testid="frame-title" title="Drag to move the bounded context; double-click to rename it" onDoubleClick={() => (data.ghost ? undefined : actions.rename(data.context))}>
        {data.context}
        <span className="frame-file">
          {data.file}
          {data.dirty ? ' •' : ''}
        </span>
      </div>
    </div>
  );
}

export const FrameNode = memo(FrameNodeView);

export const NODE_TYPES = { sticky: StickyNode, frame: FrameNode };
