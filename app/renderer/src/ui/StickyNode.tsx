// One sticky. Memoised and sized up front; when the board is zoomed far out it renders as a
// plain coloured rectangle (level of detail), which is what keeps 1000+ stickies fluid at fit.

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import type { StickyNode as StickyNodeType } from '../../model/graph.js';
import { STICKY_STYLES } from '../../model/kinds.js';

/** True when the board is zoomed out past the point where text is readable. */
export const FarZoomContext = createContext(false);

function StickyNodeView({ data, selected }: NodeProps<StickyNodeType>) {
  const far = useContext(FarZoomContext);
  const style = STICKY_STYLES[data.kind];
  const problems = data.problems;
  const badge = problems && problems.errors + problems.warnings > 0;
  if (far) {
    return (
      <div
        className={`sticky far${selected ? ' selected' : ''}${badge ? (problems.errors > 0 ? ' has-errors' : ' has-warnings') : ''}`}
        style={{ background: style.color }}
        data-testid="sticky"
        data-kind={data.kind}
        data-name={data.name}
      >
        <Handle type="target" position={Position.Left} className="handle" />
        <Handle type="source" position={Position.Right} className="handle" />
      </div>
    );
  }
  return (
    <div
      className={`sticky kind-${data.kind}${selected ? ' selected' : ''}`}
      style={{ background: style.color, borderColor: selected ? '#111' : style.accent }}
      data-testid="sticky"
      data-kind={data.kind}
      data-name={data.name}
      title={`${style.label}: ${data.name}`}
    >
      <Handle type="target" position={Position.Left} className="handle" data-testid="handle-in" />
      <div className="sticky-kind" style={{ color: style.accent }}>
        {style.label}
      </div>
      <div className="sticky-name">{data.name}</div>
      <div className="sticky-detail">{data.detail}</div>
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
      <Handle type="source" position={Position.Right} className="handle" data-testid="handle-out" />
    </div>
  );
}

export const StickyNode = memo(StickyNodeView);

/** What a frame can ask of the board (React Flow nodes get data, not callbacks). */
export const FrameActionsContext = createContext<{ rename: (context: string) => void }>({ rename: () => {} });

function FrameNodeView({ data }: NodeProps<import('../../model/graph.js').FrameNode>) {
  const actions = useContext(FrameActionsContext);
  return (
    <div className="frame" data-testid="frame" data-context={data.context}>
      <div className="frame-title nopan nodrag" data-testid="frame-title" title="Double-click to rename the bounded context" onDoubleClick={() => actions.rename(data.context)}>
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
