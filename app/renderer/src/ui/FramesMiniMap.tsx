// The minimap of a big board: the context frames and the view, pannable and zoomable like React
// Flow's MiniMap (the same XYMinimap drives both). React Flow's MiniMap mounts one store-subscribed
// component per node: on a board of 3000 stickies that is 3000 selectors run on every pan frame
// and at open, for rectangles a big board's minimap does not even draw (it shows frames only).
// This one reads the frames from the board's nodes and four numbers from the store.

import { Panel, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { XYMinimap, type XYMinimapInstance } from '@xyflow/system';
import { useEffect, useMemo, useRef } from 'react';
import type { BoardNode } from '../../model/graph.js';

const WIDTH = 200;
const HEIGHT = 150;
/** React Flow's MiniMap default: room around the content, in minimap pixels. */
const OFFSET_SCALE = 5;

const selectView = (s: ReactFlowState) => ({ transform: s.transform, width: s.width, height: s.height, panZoom: s.panZoom, translateExtent: s.translateExtent });
const sameView = (a: ReturnType<typeof selectView>, b: ReturnType<typeof selectView>) =>
  a.transform[0] === b.transform[0] && a.transform[1] === b.transform[1] && a.transform[2] === b.transform[2] && a.width === b.width && a.height === b.height && a.panZoom === b.panZoom && a.translateExtent === b.translateExtent;

export function FramesMiniMap({ nodes }: { nodes: readonly BoardNode[] }) {
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const { transform, width: flowWidth, height: flowHeight, panZoom, translateExtent } = useStore(selectView, sameView);
  const frames = useMemo(() => nodes.filter((n) => n.type === 'frame'), [nodes]);
  const [tx, ty, zoom] = transform;
  const view = { x: -tx / zoom, y: -ty / zoom, width: flowWidth / zoom, height: flowHeight / zoom };
  let minX = view.x;
  let minY = view.y;
  let maxX = view.x + view.width;
  let maxY = view.y + view.height;
  for (const f of frames) {
    minX = Math.min(minX, f.position.x);
    minY = Math.min(minY, f.position.y);
    maxX = Math.max(maxX, f.position.x + (f.width ?? 0));
    maxY = Math.max(maxY, f.position.y + (f.height ?? 0));
  }
  // The same view box as React Flow's MiniMap: content centred, aspect ratio kept.
  const viewScale = Math.max((maxX - minX) / WIDTH, (maxY - minY) / HEIGHT);
  const offset = OFFSET_SCALE * viewScale;
  const x = minX - (viewScale * WIDTH - (maxX - minX)) / 2 - offset;
  const y = minY - (viewScale * HEIGHT - (maxY - minY)) / 2 - offset;
  const w = viewScale * WIDTH + offset * 2;
  const h = viewScale * HEIGHT + offset * 2;
  const viewScaleRef = useRef(viewScale);
  viewScaleRef.current = viewScale;
  const minimap = useRef<XYMinimapInstance>(undefined);

  useEffect(() => {
    if (!svg.current || !panZoom) return;
    minimap.current = XYMinimap({ domNode: svg.current, panZoom, getTransform: () => store.getState().transform, getViewScale: () => viewScaleRef.current });
    return () => minimap.current?.destroy();
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({ translateExtent, width: flowWidth, height: flowHeight, pannable: true, zoomable: true });
  }, [panZoom, translateExtent, flowWidth, flowHeight]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="minimap">
      <svg ref={svg} width={WIDTH} height={HEIGHT} viewBox={`${x} ${y} ${w} ${h}`} className="react-flow__minimap-svg" role="img" aria-label="Mini map">
        {frames.map((f) => (
          <rect key={f.id} className="react-flow__minimap-node" x={f.position.x} y={f.position.y} width={f.width ?? 0} height={f.height ?? 0} fill="#c9cee0" rx={8} />
        ))}
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${w + offset * 2}v${h + offset * 2}h${-w - offset * 2}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
