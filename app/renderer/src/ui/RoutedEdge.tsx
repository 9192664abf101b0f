// An arrow drawn along its orthogonal route (model/edge-routes.ts): around the stickies, with
// rounded corners. The route was computed for the stickies where the model puts them; while a
// sticky is being dragged (its handle is no longer where the route starts or ends) the arrow is
// drawn as React Flow's orthogonal step path until the drop re-routes it.

import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Point } from '../../model/edge-routes.js';
import type { BoardEdge } from '../../model/graph.js';

/** How far React Flow's handle point may be from the route's port (handles straddle the border). */
const PORT_SLACK = 12;
const CORNER = 8;

function roundedPath(points: readonly Point[]): string {
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let k = 1; k < points.length - 1; k++) {
    const [a, b, c] = [points[k - 1]!, points[k]!, points[k + 1]!];
    const r = Math.min(CORNER, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const towards = (p: Point, q: Point, len: number) => {
      const l = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: p.x + ((q.x - p.x) * len) / l, y: p.y + ((q.y - p.y) * len) / l };
    };
    const p1 = towards(b, a, r);
    const p2 = towards(b, c, r);
    d += ` L ${p1.x} ${p1.y} Q ${b.x} ${b.y} ${p2.x} ${p2.y}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}

/** The middle of the longest segment: where a label reads best. */
function labelPoint(points: readonly Point[]): Point {
  let best = { x: points[0]!.x, y: points[0]!.y };
  let longest = -1;
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k]!, points[k + 1]!];
    const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (len > longest) {
      longest = len;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

function RoutedEdgeView(props: EdgeProps<BoardEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const route = data?.route;
  const near = (p: Point, x: number, y: number) => Math.abs(p.x - x) <= PORT_SLACK && Math.abs(p.y - y) <= PORT_SLACK;
  let path: string;
  let label: Point;
  const routed = !!route && route.length >= 2 && near(route[0]!, sourceX, sourceY) && near(route[route.length - 1]!, targetX, targetY);
  if (routed) {
    // Start and end exactly on React Flow's handle points; the first and last segments stay horizontal.
    const points = route.map((p) => ({ ...p }));
    const n = points.length;
    points[0] = { x: sourceX, y: sourceY };
    points[n - 1] = { x: targetX, y: targetY };
    if (n > 2) {
      points[1]!.y = sourceY;
      points[n - 2]!.y = targetY;
    }
    path = roundedPath(points);
    label = labelPoint(points);
  } else {
    const [d, x, y] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: CORNER });
    path = d;
    label = { x, y };
  }
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={label.x}
      labelY={label.y}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      markerEnd={props.markerEnd}
      markerStart={props.markerStart}
      style={props.style}
      interactionWidth={props.interactionWidth}
      data-routed={routed ? 'yes' : 'no'}
    />
  );
}

export const RoutedEdge = memo(RoutedEdgeView);

export const EDGE_TYPES = { routed: RoutedEdge };
